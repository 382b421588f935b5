using System.Collections.Concurrent;

namespace NetTeam.Device.Threading;

/// <summary>
/// The control loop's queue: many writers, one reader that sleeps until work comes. Not a Channel read
/// through a blocking wait: that spins (sched_yield) before it sleeps on every wake-up, which at a team's
/// idle rate of some tens of wake-ups a second was most of the daemon's idle CPU (issue 12). The event here
/// has a spin count of 0, so the reader goes straight to sleep.
/// </summary>
internal sealed class WorkQueue : IDisposable
{
    private readonly ConcurrentQueue<Action> _items = new();
    private readonly ManualResetEventSlim _ready = new(false, spinCount: 0);
    private volatile bool _completed;

    /// <summary>Queues <paramref name="action"/>; false once the queue is complete.</summary>
    public bool TryWrite(Action action)
    {
        if (_completed)
        {
            return false;
        }
        _items.Enqueue(action);
        _ready.Set();
        return true;
    }

    public bool TryRead(out Action? action) => _items.TryDequeue(out action);

    /// <summary>Sleeps until there is work (true) or the queue is complete and drained (false).</summary>
    public bool WaitForWork()
    {
        while (_items.IsEmpty)
        {
            if (_completed)
            {
                return false;
            }
            _ready.Wait();
            // Reset before the reader looks again: a write after this sets it anew, so none is missed.
            _ready.Reset();
        }
        return true;
    }

    /// <summary>No more writes; the reader drains what is queued, then its wait returns false.</summary>
    public void Complete()
    {
        _completed = true;
        _ready.Set();
    }

    public void Dispose() => _ready.Dispose();
}
