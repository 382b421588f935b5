namespace NetTeam.Device.Threading;

/// <summary>
/// Deadlines on a grid: multiples of a period on the monotonic clock. Periodic work scheduled on a grid does
/// not drift, and work of the same or of commensurate periods (every probe watcher of a team at 100 ms, LACP's
/// 900 ms, the team's 1 s tick) falls due at the same instant, so the control loop wakes once for all of it.
/// An idle daemon's cost is mostly its wake-ups (issue 12); teamd's per-port timerfds each keep the phase of
/// the port's start.
/// </summary>
public static class TimerGrid
{
    /// <summary>
    /// The first grid point of <paramref name="period"/> (clock ticks) at least half a period after
    /// <paramref name="now"/>: one period later in steady state, between a half and one and a half the first time.
    /// </summary>
    public static long Next(long now, long period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        return ((now + (period / 2)) / period + 1) * period;
    }

    /// <summary>The time from now to <see cref="Next(long, long)"/> of <paramref name="period"/> on <paramref name="time"/>'s clock.</summary>
    public static TimeSpan UntilNext(TimeProvider time, TimeSpan period)
    {
        long step = Math.Max(1, Ticks(time, period));
        long now = time.GetTimestamp();
        return time.GetElapsedTime(now, Next(now, step));
    }

    /// <summary><paramref name="period"/> in ticks of <paramref name="time"/>'s clock (GetTimestamp), the unit of <see cref="Next(long, long)"/>.</summary>
    public static long Ticks(TimeProvider time, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(time);
        return (long)(period.TotalSeconds * time.TimestampFrequency);
    }
}
