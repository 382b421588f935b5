using System.Collections.Concurrent;
using NetTeam.Interop;

namespace NetTeam.Device.Threading;

/// <summary>
/// The control loop's queue and its one place of sleep, as teamd's event loop sleeps in one epoll_wait:
/// many writers post work, descriptors are watched for input (control-frame sockets), and the reader sleeps
/// until work comes, a watched descriptor is readable or the next timer is due. A writer wakes the reader
/// through an eventfd only when the reader has said it sleeps, so a busy loop takes no syscall per post.
/// Not a Channel or an event with a blocking wait: those spin (sched_yield) around every wake-up, which at a
/// team's idle rate of some tens of wake-ups a second was most of the daemon's idle CPU (issue 12).
/// </summary>
internal sealed class WorkQueue : IDisposable
{
    private const ulong WakeToken = 0;

    private readonly ConcurrentQueue<Action> _items = new();
    private readonly Epoll _epoll;
    private readonly EventFd _wake;
    private readonly Lock _watchLock = new();
    private readonly Dictionary<ulong, Action> _watches = [];
    private ulong _nextToken = WakeToken + 1;
    private int _sleeping;
    private bool _closed;
    private volatile bool _completed;

    public WorkQueue()
    {
        Errno err = Epoll.Create(out Epoll? epoll);
        if (!err.IsSuccess)
        {
            throw new InvalidOperationException($"The control loop cannot create its epoll instance: {err.Message}.");
        }
        err = EventFd.Create(out EventFd? wake);
        if (!err.IsSuccess)
        {
            epoll!.Dispose();
            throw new InvalidOperationException($"The control loop cannot create its eventfd: {err.Message}.");
        }
        _epoll = epoll!;
        _wake = wake!;
        _epoll.Add(_wake.Fd, EpollFlags.In, WakeToken);
    }

    /// <summary>Queues <paramref name="action"/>; false once the queue is complete.</summary>
    public bool TryWrite(Action action)
    {
        if (_completed)
        {
            return false;
        }
        _items.Enqueue(action);
        Wake();
        return true;
    }

    public bool TryRead(out Action? action) => _items.TryDequeue(out action);

    /// <summary>Wakes the reader if it sleeps (new work, or its timers changed).</summary>
    public void Wake()
    {
        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wake.Signal();
        }
    }

    /// <summary>Watches <paramref name="fd"/> for input: <paramref name="onReadable"/> runs on the reader while it is readable.</summary>
    public IDisposable Watch(int fd, Action onReadable)
    {
        lock (_watchLock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            ulong token = _nextToken++;
            Errno err = _epoll.Add(fd, EpollFlags.In, token);
            if (!err.IsSuccess)
            {
                throw new InvalidOperationException($"The control loop cannot watch descriptor {fd}: {err.Message}.");
            }
            _watches[token] = onReadable;
            return new Registration(this, fd, token);
        }
    }

    /// <summary>
    /// Sleeps until there is work, a watched descriptor is readable (its handler is run through
    /// <paramref name="execute"/>) or <paramref name="timeoutMilliseconds"/> have passed (-1: no limit);
    /// false once the queue is complete and drained.
    /// </summary>
    public bool WaitForWork(int timeoutMilliseconds, Action<Action> execute)
    {
        Span<EpollEvent> events = stackalloc EpollEvent[16];
        // Say we sleep before the last look at the queue: a writer after this sees it and signals.
        Interlocked.Exchange(ref _sleeping, 1);
        int timeout = _items.IsEmpty && !_completed ? timeoutMilliseconds : 0;
        int n = _epoll.Wait(events, timeout, out Errno err);
        Volatile.Write(ref _sleeping, 0);
        if (n < 0)
        {
            throw new InvalidOperationException($"The control loop's epoll_wait failed: {err.Message}.");
        }
        for (int i = 0; i < n; i++)
        {
            if (events[i].Data == WakeToken)
            {
                _wake.Drain();
            }
            else if (Handler(events[i].Data) is Action handler)
            {
                execute(handler);
            }
        }
        return !_completed || !_items.IsEmpty;
    }

    /// <summary>No more writes; the reader drains what is queued, then its wait returns false.</summary>
    public void Complete()
    {
        _completed = true;
        Interlocked.Exchange(ref _sleeping, 0);
        _wake.Signal();
    }

    public void Dispose()
    {
        lock (_watchLock)
        {
            _closed = true;
            _watches.Clear();
        }
        _epoll.Dispose();
        _wake.Dispose();
    }

    private Action? Handler(ulong token)
    {
        lock (_watchLock)
        {
            return _watches.GetValueOrDefault(token);
        }
    }

    private void Unwatch(int fd, ulong token)
    {
        lock (_watchLock)
        {
            if (_watches.Remove(token) && !_closed)
            {
                _epoll.Remove(fd);
            }
        }
    }

    private sealed class Registration(WorkQueue queue, int fd, ulong token) : IDisposable
    {
        public void Dispose() => queue.Unwatch(fd, token);
    }
}
