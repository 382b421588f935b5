using NetTeam.Device.Threading;

namespace NetTeam.Device.PeerNotification;

/// <summary>
/// Repeated peer notifications after a port is enabled: the kernel's team_notify_peers and
/// team_mcast_rejoin (Linux drivers/net/team/team_core.c), <c>count</c> sends <c>interval</c> ms apart, the
/// first at once. The timer's callback runs on the team's control thread, so a send sees a consistent port set.
/// <para>
/// Unlike the kernel, which adds <c>count</c> to what is still pending, a new trigger restarts the series:
/// activebackup enables the new port and then points <c>activeport</c> at it, and the notifications that
/// matter are the ones sent after the last step.
/// </para>
/// </summary>
internal sealed class PeerNotifier : IDisposable
{
    private readonly Action _send;
    private readonly ITimer _timer;
    private uint _pending;
    private uint _interval;
    private bool _disposed;

    public PeerNotifier(ControlLoop loop, TimeProvider time, Action send)
    {
        _send = send;
        _timer = loop.CreateTimer(time, Fire, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts a series (on the control thread).</summary>
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

    public void Dispose()
    {
        _disposed = true;
        _pending = 0;
        _timer.Dispose();
    }
}
