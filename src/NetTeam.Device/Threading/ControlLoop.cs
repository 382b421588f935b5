using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NetTeam.Device.Threading;

/// <summary>
/// The one logical thread that owns a team's state (design.md: "Control work runs on one logical thread"),
/// as teamd's event loop owns its state: link events, timers, carrier samples, received control frames and
/// control requests are all posted here and run one at a time, so neither the device nor the runners need
/// locks. A dedicated loop has its own named thread and a single-reader <see cref="WorkQueue"/> (dotnet/runtime's
/// SocketAsyncEngine event thread is the model); an inline loop makes the creating thread the control
/// thread, for unit tests on a fake clock. A refusal (<see cref="TeamException"/>) that escapes a posted
/// action is logged; any other exception is a bug and goes to <see cref="Fatal"/>.
/// </summary>
public sealed partial class ControlLoop : IDisposable
{
    private readonly WorkQueue? _channel;
    private readonly Thread? _thread;
    private readonly LoopTimerSet? _timers;
    private readonly ConcurrentQueue<Action> _inlinePending = new();
    private readonly ILogger _logger;
    private readonly int _ownerThreadId;
    private int _inlineDepth;
    private long _accessChecks;
    private volatile bool _disposed;

    private ControlLoop(string? threadName, ILogger? logger)
    {
        _logger = logger ?? NullLogger.Instance;
        if (threadName is null)
        {
            _ownerThreadId = Environment.CurrentManagedThreadId;
            Time = TimeProvider.System;
            return;
        }
        _channel = new WorkQueue();
        WorkQueue queue = _channel;
        _timers = new LoopTimerSet(TimeProvider.System, () => IsCurrent, queue.Wake);
        Time = new LoopTimeProvider(TimeProvider.System, _timers);
        _thread = new Thread(Run) { IsBackground = true, Name = threadName };
        _thread.Start();
        _ownerThreadId = _thread.ManagedThreadId;
    }

    /// <summary>A loop on its own thread.</summary>
    public static ControlLoop Start(string threadName, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(threadName);
        return new ControlLoop(threadName, logger);
    }

    /// <summary>A loop whose control thread is the calling thread: posted work runs when that thread is not already busy.</summary>
    public static ControlLoop ForCurrentThread(ILogger? logger = null) => new(null, logger);

    /// <summary>
    /// Called on the control thread with an exception that is not a refusal (a bug): the owner logs it, puts
    /// every port back and ends the process. Without one, the exception is rethrown and the process dies.
    /// </summary>
    public Action<Exception>? Fatal { get; set; }

    /// <summary>
    /// The system clock; on a loop with its own thread, its timers fire on that thread (no timer thread and no
    /// thread-pool hop in between). An inline loop's are the system's, posted to the loop.
    /// </summary>
    public TimeProvider Time { get; }

    /// <summary>How many timers of <see cref="Time"/> exist (a test reads it).</summary>
    public int TimerCount => _timers?.Count ?? 0;

    /// <summary>Whether the caller runs on this loop's control thread.</summary>
    public bool IsCurrent => Environment.CurrentManagedThreadId == _ownerThreadId;

    public bool IsDisposed => _disposed;

    /// <summary>How many state changes have checked that they run on the control thread (a test reads it).</summary>
    public long AccessChecks => Interlocked.Read(ref _accessChecks);

    /// <summary>Fails when called off the control thread: state owned by the loop is touched only there.</summary>
    public void VerifyAccess()
    {
        Interlocked.Increment(ref _accessChecks);
        if (!IsCurrent)
        {
            throw new InvalidOperationException(
                $"Team state was touched from thread {Environment.CurrentManagedThreadId} ({Thread.CurrentThread.Name ?? "unnamed"}), not from its control thread.");
        }
    }

    /// <summary>Queues work for the control thread; it runs after whatever the thread is doing now.</summary>
    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_disposed)
        {
            return;
        }
        if (_channel is not null)
        {
            _channel.TryWrite(action);
            return;
        }
        _inlinePending.Enqueue(action);
        if (IsCurrent && _inlineDepth == 0)
        {
            DrainInline();
        }
    }

    /// <summary>Runs <paramref name="func"/> on the control thread and returns its result (inline when already there).</summary>
    public T Invoke<T>(Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        if (IsCurrent)
        {
            return RunHere(func);
        }
        if (_channel is null)
        {
            throw new InvalidOperationException("An inline control loop can only be entered from its own thread.");
        }
        return InvokeAsync(func).GetAwaiter().GetResult();
    }

    public void Invoke(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Invoke(() =>
        {
            action();
            return true;
        });
    }

    /// <summary>Posts <paramref name="func"/> and completes with its result or its exception.</summary>
    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        TaskCompletionSource<T> tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_disposed)
        {
            tcs.SetException(new ObjectDisposedException(nameof(ControlLoop)));
            return tcs.Task;
        }
        Post(() =>
        {
            try
            {
                tcs.SetResult(func());
            }
            catch (Exception ex)
            {
                tcs.SetException(ex);
            }
        });
        return tcs.Task;
    }

    /// <summary>A timer whose callback runs on the control thread (fired there when <paramref name="time"/> is this loop's).</summary>
    public ITimer CreateTimer(TimeProvider time, Action callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(callback);
        if (ReferenceEquals(time, Time) && _timers is not null)
        {
            return time.CreateTimer(_ => callback(), null, dueTime, period);
        }
        return time.CreateTimer(_ => Post(callback), null, dueTime, period);
    }

    /// <summary>
    /// Watches <paramref name="fd"/> for input on a loop with its own thread: <paramref name="onReadable"/> runs
    /// on the control thread whenever the descriptor is readable (level-triggered, so it should read what is
    /// there). Disposing the result stops the watch; do that before closing the descriptor.
    /// </summary>
    public IDisposable Watch(int fd, Action onReadable)
    {
        ArgumentNullException.ThrowIfNull(onReadable);
        return _channel is null
            ? throw new InvalidOperationException("An inline control loop cannot watch descriptors.")
            : _channel.Watch(fd, onReadable);
    }

    private T RunHere<T>(Func<T> func)
    {
        if (_channel is not null)
        {
            return func();
        }
        _inlineDepth++;
        try
        {
            return func();
        }
        finally
        {
            if (--_inlineDepth == 0)
            {
                DrainInline();
            }
        }
    }

    private void DrainInline()
    {
        _inlineDepth++;
        try
        {
            while (_inlinePending.TryDequeue(out Action? action))
            {
                Execute(action);
            }
        }
        finally
        {
            _inlineDepth--;
        }
    }

    /// <summary>A work item this long holds up everything else on the team; it is logged, so a stall has a witness.</summary>
    private static readonly TimeSpan s_slowWork = TimeSpan.FromMilliseconds(250);

    private void Run()
    {
        WorkQueue queue = _channel!;
        Action<Action> execute = Execute;
        // Due timers first, then readable descriptors and queued work; sleep until the next deadline, the
        // next readable descriptor or the next post.
        while (queue.WaitForWork(_disposed ? 0 : _timers!.RunDue(execute), execute))
        {
            while (queue.TryRead(out Action? action))
            {
                Execute(action!);
            }
        }
    }

    private void Execute(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            action();
        }
        catch (TeamException ex)
        {
            // A refusal that nobody asked about (a runner reacting to an event): the team is unchanged.
            LogRefused(_logger, ex.Message);
        }
        catch (Exception ex) when (Fatal is not null)
        {
            LogFatal(_logger, ex);
            Fatal(ex);
        }
        TimeSpan took = Stopwatch.GetElapsedTime(start);
        if (took >= s_slowWork)
        {
            // Everything else on the team waits meanwhile: control requests, link events, runner timers.
            LogSlowWork(_logger, (long)took.TotalMilliseconds);
        }
    }

    /// <summary>Stops taking work; the thread ends after what is queued (not waited for when called on it).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_channel is null)
        {
            return;
        }
        _channel.Complete();
        if (!IsCurrent && _thread!.Join(TimeSpan.FromSeconds(10)))
        {
            _channel.Dispose();
        }
    }

    [LoggerMessage(3, LogLevel.Warning, "Control loop: one work item took {Milliseconds} ms")]
    private static partial void LogSlowWork(ILogger logger, long milliseconds);

    [LoggerMessage(1, LogLevel.Warning, "Control loop: {Message}")]
    private static partial void LogRefused(ILogger logger, string message);

    [LoggerMessage(2, LogLevel.Critical, "Control loop: unhandled error, stopping")]
    private static partial void LogFatal(ILogger logger, Exception exception);
}
