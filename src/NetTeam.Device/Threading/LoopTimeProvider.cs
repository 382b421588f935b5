namespace NetTeam.Device.Threading;

/// <summary>
/// The system clock, with timers that fire on a control loop's own thread: the loop sleeps until the next
/// deadline or the next posted work, whichever comes first. A timer of <see cref="TimeProvider.System"/>
/// fires on the runtime's timer thread, which hands it to a thread-pool worker, which posts it to the loop:
/// three threads woken for every LACPDU and every ARP probe. At a team's idle rate of some tens of timers a
/// second that was most of the daemon's idle CPU (issue 12); here one thread wakes.
/// </summary>
internal sealed class LoopTimeProvider : TimeProvider
{
    private readonly TimeProvider _clock;
    private readonly LoopTimerSet _timers;

    public LoopTimeProvider(TimeProvider clock, LoopTimerSet timers)
    {
        _clock = clock;
        _timers = timers;
    }

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _clock.LocalTimeZone;

    internal LoopTimerSet Timers => _timers;

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    /// <summary>A timer whose <paramref name="callback"/> runs on the loop's thread, as posted work does.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        LoopTimer timer = new(_timers, () => callback(state));
        timer.Change(dueTime, period);
        return timer;
    }
}
