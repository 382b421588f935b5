namespace NetTeam.Device.Threading;

/// <summary>One timer of a <see cref="LoopTimerSet"/>: its deadline and period in clock ticks, and what it runs.</summary>
internal sealed class LoopTimer : ITimer
{
    private readonly LoopTimerSet _set;

    public LoopTimer(LoopTimerSet set, Action fire)
    {
        _set = set;
        Fire = fire;
        _set.Add(this);
    }

    /// <summary>The callback, built once so that firing allocates nothing.</summary>
    public Action Fire { get; }

    /// <summary>The deadline in clock ticks; <see cref="long.MaxValue"/> when disarmed. Guarded by the set.</summary>
    public long Due { get; set; } = long.MaxValue;

    /// <summary>The period in clock ticks; 0 for a one-shot timer. Guarded by the set.</summary>
    public long Period { get; set; }

    public bool Disposed { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period) => _set.Change(this, dueTime, period);

    public void Dispose() => _set.Remove(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
