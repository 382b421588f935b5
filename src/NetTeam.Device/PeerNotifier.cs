namespace NetTeam.Device;

/// <summary>
/// Repeated peer notifications after a port is enabled: the kernel's team_notify_peers and
/// team_mcast_rejoin (Linux drivers/net/team/team_core.c), <c>count</c> sends <c>interval</c> ms apart, the
/// first at once. Sends run under the team's lock, so they see a consistent port set.
/// <para>
/// Unlike the kernel, which adds <c>count</c> to what is still pending, a new trigger restarts the series:
/// activebackup enables the new port and then points <c>activeport</c> at it, and the notifications that
/// matter are the ones sent after the last step.
/// </para>
/// </summary>
internal sealed class PeerNotifier : IDisposable
{
    private readonly object _sync;
    private readonly Action _send;
    private readonly ITimer _timer;
    private uint _pending;
    private uint _interval;
    private bool _disposed;

    public PeerNotifier(TimeProvider time, object sync, Action send)
    {
        _sync = sync;
        _send = send;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts a series; the caller holds the team's lock.</summary>
    public void Trigger(uint count, uint interval)
    {
        if (count == 0 || _disposed)
        {
            return;
        }
        _pending = count;
        _interval = interval;
        _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        lock (_sync)
        {
            if (_disposed || _pending == 0)
            {
                return;
            }
            _pending--;
            _send();
            if (_pending > 0)
            {
                _timer.Change(TimeSpan.FromMilliseconds(_interval), Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Stops; the caller holds the team's lock.</summary>
    public void Dispose()
    {
        _disposed = true;
        _pending = 0;
        _timer.Dispose();
    }
}
