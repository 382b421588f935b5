using NetTeam.Interop;
using NetTeam.Runners.Host;

namespace NetTeam.Runners.Linux;

/// <summary>
/// A control-frame channel on a Linux port: an AF_PACKET socket of its own with a socket filter, our own
/// transmissions ignored, VLAN tags reported (libteam teamd/teamd_lw_psr.c keeps one such socket per port
/// and watcher). Frames reach the handler on the event loop through <c>dispatch</c>.
/// </summary>
public sealed class PacketFrameChannel : IFrameChannel
{
    /// <summary>Control frames are small; anything longer than a maximal untagged frame is dropped.</summary>
    public const int MaxFrame = 1518;

    private readonly FileDescriptorHandle _socket;
    private readonly FrameReactor _reactor;
    private readonly Action<Action> _dispatch;
    private readonly FrameReceived _onFrame;
    private readonly object _sync = new();
    private readonly int _ifIndex;
    private readonly ulong _token;
    private long _received;
    private long _dropped;
    private volatile bool _disposed;

    private PacketFrameChannel(FileDescriptorHandle socket, int ifIndex, FrameReactor reactor, Action<Action> dispatch, FrameReceived onFrame, out Errno error)
    {
        _socket = socket;
        _ifIndex = ifIndex;
        _reactor = reactor;
        _dispatch = dispatch;
        _onFrame = onFrame;
        error = reactor.Register(this, socket.Fd, out _token);
    }

    public long Received => Interlocked.Read(ref _received);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Opens the channel on <paramref name="ifIndex"/>; throws when the system refuses.</summary>
    public static PacketFrameChannel Open(int ifIndex, FrameSelector selector, FrameReactor reactor, Action<Action> dispatch, FrameReceived onFrame)
    {
        ArgumentNullException.ThrowIfNull(selector);
        Errno err = PacketSocket.OpenFiltered(ifIndex, selector.ToSocketFilter(), out FileDescriptorHandle? socket);
        if (!err.IsSuccess)
        {
            throw new InvalidOperationException($"Cannot open a control socket on ifindex {ifIndex}: {err.Message}.");
        }
        // Bursts of probes must not be lost to the default receive buffer (teamd-spec §5.1).
        PacketSocket.SetReceiveBuffer(socket!, 1 << 20);
        PacketFrameChannel channel = new(socket!, ifIndex, reactor, dispatch, onFrame, out err);
        if (!err.IsSuccess)
        {
            socket!.Dispose();
            throw new InvalidOperationException($"Cannot watch the control socket on ifindex {ifIndex}: {err.Message}.");
        }
        return channel;
    }

    public Errno Send(ReadOnlySpan<byte> frame)
    {
        lock (_sync)
        {
            return _disposed ? Errno.ENODEV : PacketSocket.SendTo(_socket, _ifIndex, frame);
        }
    }

    /// <summary>On the reactor thread: reads every queued frame and posts each to the event loop.</summary>
    internal void Drain(byte[] buffer)
    {
        lock (_sync)
        {
            while (!_disposed)
            {
                int n = PacketSocket.Receive(_socket, buffer, out ushort? vlanId, out bool truncated, out Errno err);
                if (n < 0)
                {
                    return;
                }
                if (truncated || n > MaxFrame)
                {
                    Interlocked.Increment(ref _dropped);
                    continue;
                }
                Interlocked.Increment(ref _received);
                byte[] copy = buffer.AsSpan(0, n).ToArray();
                _dispatch(() =>
                {
                    if (!_disposed)
                    {
                        _onFrame(copy, vlanId);
                    }
                });
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _reactor.Unregister(_token, _socket.Fd);
            _socket.Dispose();
        }
    }
}
