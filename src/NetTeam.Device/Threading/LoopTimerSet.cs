namespace NetTeam.Device.Threading;

/// <summary>
/// A control loop's timers. A timer may be changed from any thread (the <see cref="ITimer"/> contract); a
/// change from off the loop wakes it so that it sleeps to the new deadline. Timers fire only on the loop.
/// A team has a few tens of timers at most, so a list scanned for the earliest deadline is enough.
/// </summary>
internal sealed class LoopTimerSet
{
    // A timer re-armed for "now" inside its own callback is due again at once; the loop takes its queued
    // work in between rather than firing timers forever.
    private const int MaxFiresPerTurn = 64;

    private readonly object _lock = new();
    private readonly List<LoopTimer> _timers = [];
    private readonly TimeProvider _clock;
    private readonly Func<bool> _onLoop;
    private readonly Action _wake;

    public LoopTimerSet(TimeProvider clock, Func<bool> onLoop, Action wake)
    {
        _clock = clock;
        _onLoop = onLoop;
        _wake = wake;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    public void Add(LoopTimer timer)
    {
        lock (_lock)
        {
            _timers.Add(timer);
        }
    }

    public void Remove(LoopTimer timer)
    {
        lock (_lock)
        {
            timer.Disposed = true;
            timer.Due = long.MaxValue;
            _timers.Remove(timer);
        }
    }

    public bool Change(LoopTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_lock)
        {
            if (timer.Disposed)
            {
                return false;
            }
            timer.Due = IsInfinite(dueTime) ? long.MaxValue : _clock.GetTimestamp() + Ticks(dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
            timer.Period = IsInfinite(period) || period <= TimeSpan.Zero ? 0 : Math.Max(1, Ticks(period));
        }
        if (!_onLoop())
        {
            _wake();
        }
        return true;
    }

    /// <summary>
    /// Fires every timer that is due, one at a time through <paramref name="execute"/> (a callback may stop or
    /// re-arm any timer, itself included), and returns how long the loop may sleep: milliseconds to the next
    /// deadline rounded up, or -1 when no timer is armed.
    /// </summary>
    public int RunDue(Action<Action> execute)
    {
        long now = _clock.GetTimestamp();
        for (int fired = 0; fired < MaxFiresPerTurn; fired++)
        {
            LoopTimer? next = TakeDue(now);
            if (next is null)
            {
                return SleepMilliseconds();
            }
            execute(next.Fire);
        }
        return 0;
    }

    private LoopTimer? TakeDue(long now)
    {
        lock (_lock)
        {
            LoopTimer? earliest = null;
            foreach (LoopTimer t in _timers)
            {
                if (t.Due <= now && (earliest is null || t.Due < earliest.Due))
                {
                    earliest = t;
                }
            }
            if (earliest is not null)
            {
                // A periodic timer keeps its schedule; after a stall it skips what it missed rather than burst,
                // and stays in phase (a timer on a TimerGrid stays on it).
                long due = earliest.Due + earliest.Period;
                earliest.Due = earliest.Period == 0 ? long.MaxValue : due > now ? due : due + ((now - due) / earliest.Period + 1) * earliest.Period;
            }
            return earliest;
        }
    }

    private int SleepMilliseconds()
    {
        long earliest = long.MaxValue;
        lock (_lock)
        {
            foreach (LoopTimer t in _timers)
            {
                earliest = Math.Min(earliest, t.Due);
            }
        }
        if (earliest == long.MaxValue)
        {
            return Timeout.Infinite;
        }
        long ticks = earliest - _clock.GetTimestamp();
        if (ticks <= 0)
        {
            return 0;
        }
        // Rounded up: waking before the deadline would find nothing due and sleep again.
        double ms = Math.Ceiling(ticks * 1000.0 / _clock.TimestampFrequency);
        return ms >= int.MaxValue ? int.MaxValue - 1 : (int)ms;
    }

    // Beyond a year is never, as far as a team's timers go; it also keeps the tick arithmetic from overflowing.
    private static bool IsInfinite(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span > TimeSpan.FromDays(365);

    private long Ticks(TimeSpan span) => TimerGrid.Ticks(_clock, span);
}
