namespace NetTeam.Runners.Host;

/// <summary>
/// A one-shot timer on a <see cref="TimeProvider"/> whose expiry is handed to <paramref name="dispatch"/>
/// (the daemon posts it to its event loop). A generation number makes Stop and re-Start win over an expiry
/// that is already on its way, so a callback never runs for a timer that was stopped or re-armed.
/// </summary>
public sealed class RunnerTimer : IRunnerTimer
{
    private readonly Action<Action> _dispatch;
    private readonly Action _callback;
    private readonly ITimer _timer;
    private int _generation;
    private bool _running;

    public RunnerTimer(TimeProvider time, Action<Action> dispatch, Action callback)
    {
        ArgumentNullException.ThrowIfNull(time);
        _dispatch = dispatch;
        _callback = callback;
        _timer = time.CreateTimer(_ => Expired(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public bool IsRunning => _running;

    public void Start(TimeSpan due)
    {
        Interlocked.Increment(ref _generation);
        _running = true;
        _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        Interlocked.Increment(ref _generation);
        _running = false;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void Expired()
    {
        int generation = Volatile.Read(ref _generation);
        _dispatch(() =>
        {
            if (generation == Volatile.Read(ref _generation) && _running)
            {
                _running = false;
                _callback();
            }
        });
    }

    public void Dispose()
    {
        Stop();
        _timer.Dispose();
    }
}
