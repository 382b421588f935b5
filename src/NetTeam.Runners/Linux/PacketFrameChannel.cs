using NetTeam.Device.Threading;
using NetTeam.Interop;
using NetTeam.Runners.Host;

namespace NetTeam.Runners.Linux;

/// <summary>
/// A control-frame channel on a Linux port: an AF_PACKET socket of its own (two for Slow Protocols, see
/// <see cref="FrameSelector.ToSocketFilters"/>) with a socket filter, our own
/// transmissions ignored, VLAN tags reported (libteam teamd/teamd_lw_psr.c keeps one such socket per port
/// and watcher). The control loop watches the socket, as teamd's loop watches its sockets, and the handler
/// runs there when a frame arrives: no thread of its own, no copy and no hop between threads.
/// </summary>
public sealed class PacketFrameChannel : IFrameChannel
{
    /// <summary>Control frames are small; anything longer than a maximal untagged frame is dropped.</summary>
    public const int MaxFrame = 1518;

    private const int FramesPerTurn = 64;

    private readonly FileDescriptorHandle _socket;
    private readonly FrameReceived _onFrame;
    private readonly object _sync = new();
    private readonly int _ifIndex;
    private readonly byte[] _buffer = new byte[MaxFrame + 1];
    private readonly List<FileDescriptorHandle> _extra = [];
    private readonly List<IDisposable> _extraWatches = [];
    private IDisposable? _watch;
    private long _received;
    private long _dropped;
    private long _overflowed;
    private bool _disposed;

    private PacketFrameChannel(FileDescriptorHandle socket, int ifIndex, FrameReceived onFrame)
    {
        _socket = socket;
        _ifIndex = ifIndex;
        _onFrame = onFrame;
    }

    public long Received => Interlocked.Read(ref _received);

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The kernel's count of frames lost to a full receive queue (PACKET_STATISTICS tp_drops), summed over the reads.</summary>
    public long Overflowed
    {
        get
        {
            lock (_sync)
            {
                // Each read resets the kernel's counter, so the channel keeps the sum.
                foreach (FileDescriptorHandle socket in _disposed ? [] : (FileDescriptorHandle[])[_socket, .. _extra])
                {
                    if (PacketSocket.ReadQueueDrops(socket) is long n and > 0)
                    {
                        _overflowed += n;
                    }
                }
                return _overflowed;
            }
        }
    }

    /// <summary>Opens the channel on <paramref name="ifIndex"/>, its frames handled on <paramref name="loop"/>; throws when the system refuses.</summary>
    public static PacketFrameChannel Open(int ifIndex, FrameSelector selector, ControlLoop loop, FrameReceived onFrame)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(loop);
        SocketFilter[] filters = selector.ToSocketFilters();
        PacketFrameChannel? channel = null;
        try
        {
            foreach (SocketFilter filter in filters)
            {
                Errno err = PacketSocket.OpenFiltered(ifIndex, filter, out FileDescriptorHandle? socket);
                if (!err.IsSuccess)
                {
                    throw new InvalidOperationException($"Cannot open a control socket on ifindex {ifIndex}: {err.Message}.");
                }
                // Bursts of probes must not be lost to the default receive buffer (teamd-spec §5.1).
                PacketSocket.SetReceiveBuffer(socket!, 1 << 20);
                if (channel is null)
                {
                    channel = new PacketFrameChannel(socket!, ifIndex, onFrame);
                    channel._watch = loop.Watch(socket!.Fd, () => channel.Drain(channel._socket));
                }
                else
                {
                    channel.AddSocket(socket!, loop);
                }
            }
        }
        catch (InvalidOperationException)
        {
            channel?.Dispose();
            throw;
        }
        return channel!;
    }

    /// <summary>A further socket whose frames go to the same handler (another part of the selector's frames).</summary>
    private void AddSocket(FileDescriptorHandle socket, ControlLoop loop)
    {
        _extra.Add(socket);
        try
        {
            _extraWatches.Add(loop.Watch(socket.Fd, () => Drain(socket)));
        }
        catch (InvalidOperationException)
        {
            socket.Dispose();
            _extra.Remove(socket);
            throw;
        }
    }

    public Errno Send(ReadOnlySpan<byte> frame)
    {
        lock (_sync)
        {
            return _disposed ? Errno.ENODEV : PacketSocket.SendTo(_socket, _ifIndex, frame);
        }
    }

    /// <summary>
    /// On the control loop: hands the queued frames to the handler, at most a batch at a time so that a flood
    /// on one port cannot hold the loop (the watch is level-triggered: the rest comes on the next turn).
    /// </summary>
    private void Drain(FileDescriptorHandle socket)
    {
        for (int i = 0; i < FramesPerTurn && !_disposed; i++)
        {
            int n = PacketSocket.Receive(socket, _buffer, out ushort? vlanId, out bool truncated, out _);
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
            _onFrame(_buffer.AsSpan(0, n), vlanId);
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
            // Out of the loop's epoll set before the descriptor closes.
            _watch?.Dispose();
            _extraWatches.ForEach(w => w.Dispose());
            _socket.Dispose();
            _extra.ForEach(s => s.Dispose());
        }
    }
}
