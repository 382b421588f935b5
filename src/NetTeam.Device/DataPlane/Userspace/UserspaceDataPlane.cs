using System.Collections.Concurrent;
using NetTeam.Device.Linux;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.DataPlane.Userspace;

/// <summary>
/// The userspace data plane: one dedicated epoll thread moves frames TAP -> mode -> port packet socket and
/// port packet socket -> mode -> TAP. Both sides carry virtio-net headers (IFF_VNET_HDR, PACKET_VNET_HDR), so
/// a 64 KB GSO frame or a CHECKSUM_PARTIAL frame is forwarded as one buffer, untouched. The thread reads the
/// latest <see cref="TeamSnapshot"/> per frame without locks and allocates nothing per frame; ports come and
/// go through commands the thread executes between batches. This file is the control side; the thread's
/// work is in UserspaceDataPlane.Frames.cs.
/// </summary>
internal sealed partial class UserspaceDataPlane : IDataPlane
{
    /// <summary>Room for a 64 KB GSO frame plus its vnet header; a read that fills the buffer was truncated.</summary>
    public const int BufferSize = 65536 + 1024;

    private const int SocketBuffer = 4 * 1024 * 1024;

    private readonly NamespaceContext _ns;
    private readonly FileDescriptorHandle _tap;
    private readonly int _tapFd;
    private readonly Epoll _epoll;
    private readonly EventFd _wake;
    private readonly Thread _thread;
    private readonly CarrierSampler _carrier;
    private readonly PortSocket?[] _slots = new PortSocket?[TeamSnapshot.MaxPorts];
    private readonly ConcurrentQueue<PlaneCommand> _commands = new();
    private readonly PlaneCounters _team = new();
    private readonly long[] _hashTxBytes = new long[TeamSnapshot.HashBuckets];
    // Set when a frame of traffic (not a control frame) went through this turn: it starts the busy-poll.
    private bool _forwardedTraffic;
    private BusyPollPolicy _busyPoll;
    private IDataPlaneObserver? _observer;
    private TeamSnapshot _snapshot = TeamSnapshot.Empty;
    private volatile bool _stop;

    public UserspaceDataPlane(NamespaceContext ns, FileDescriptorHandle tap, ulong seed, UserspaceDataPlaneOptions options)
    {
        _busyPoll = new BusyPollPolicy(System.Diagnostics.Stopwatch.Frequency * options.BusyPollMicroseconds / 1_000_000);
        _ns = ns;
        _tap = tap;
        bool added = false;
        _tap.DangerousAddRef(ref added);
        _tapFd = _tap.Fd;
        _txState = new TxState(seed);
        _epoll = Require(Epoll.Create(out Epoll? epoll), epoll, "epoll_create");
        _wake = Require(EventFd.Create(out EventFd? wake), wake, "eventfd");
        Require(_epoll.Add(_tapFd, EpollFlags.In, TapKey), "epoll_ctl(tap)");
        Require(_epoll.Add(_wake.Fd, EpollFlags.In, WakeKey), "epoll_ctl(eventfd)");
        using (_ns.Enter())
        {
            _carrier = Require(CarrierSampler.Open(out CarrierSampler? carrier), carrier, "the carrier probe socket");
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "netteam-dataplane" };
    }

    public DataPlaneKind Kind => DataPlaneKind.Userspace;

    public bool PortStackSeesTeamFrames => true;

    /// <summary>Bytes the data plane thread had allocated at its last wake-up (a test checks it stays flat), and its wake-ups.</summary>
    public DataPlaneDiagnostics Diagnostics => new(Volatile.Read(ref _allocatedBytes), Volatile.Read(ref _loops));

    /// <summary>Nothing of this plane outlives its process: a new one starts fresh.</summary>
    public TeamSnapshot? TakenOver => null;

    public int PreferredSlot(int ifIndex) => -1;

    public void ResumePublishing()
    {
    }

    /// <summary>A thread in this process moves the frames: nothing can go on without it.</summary>
    public void Abandon() => Dispose();

    public void Start(IDataPlaneObserver observer)
    {
        _observer = observer;
        _thread.Start();
    }

    public void Publish(TeamSnapshot snapshot) => Volatile.Write(ref _snapshot, snapshot);

    public Errno Attach(PortAttachment port)
    {
        FileDescriptorHandle? handle;
        using (_ns.Enter())
        {
            Errno err = PacketSocket.Open(port.IfIndex, PacketSocket.AllProtocols, nonBlocking: true, out handle);
            if (!err.IsSuccess || handle is null)
            {
                return err;
            }
        }
        // Our own transmissions must not come back to us (packet(7) PACKET_IGNORE_OUTGOING).
        Errno setup = PacketSocket.SetIgnoreOutgoing(handle, true);
        setup = setup.IsSuccess ? PacketSocket.SetVnetHeader(handle, true) : setup;
        // The kernel takes a received frame's first VLAN tag off before packet taps see it; the tag comes
        // back as PACKET_AUXDATA and the plane puts it back before the frame reaches the team.
        setup = setup.IsSuccess ? PacketSocket.SetAuxData(handle, true) : setup;
        // No PACKET_QDISC_BYPASS: its direct transmit drops a GSO frame that the port cannot segment in
        // hardware (dev_direct_xmit gives up when validate_xmit_skb splits the skb), which kills TCP on a
        // port without TSO, such as a veth with tx checksumming off facing Open vSwitch. The normal path
        // segments in software, and it honours the port's qdisc as the kernel team driver does.
        if (!setup.IsSuccess)
        {
            handle.Dispose();
            return setup;
        }
        // The default 208 KB receive buffer holds only ~50 frames; bursts would overflow it (teamd-spec §5.1).
        PacketSocket.SetReceiveBuffer(handle, SocketBuffer);
        PacketSocket.SetSendBuffer(handle, SocketBuffer);
        PortSocket socket = new(port, handle, new MessageBatch(RxBatch, BufferSize + VlanTag.Length, VlanTag.Length, auxData: true));
        return Execute(new PlaneCommand(PlaneCommandKind.Attach, socket));
    }

    /// <summary>Nothing to ready: a port's packet socket opens in Attach in well under a millisecond.</summary>
    public void Prepare(IReadOnlyList<int> ifIndexes)
    {
    }

    public void ReleasePrepared()
    {
    }

    public void Detach(int slot)
    {
        PortSocket? socket = _slots[slot];
        if (socket is null)
        {
            return;
        }
        Execute(new PlaneCommand(PlaneCommandKind.Detach, socket));
        socket.Dispose();
    }

    public TeamStatistics ReadPortStatistics(int slot) => _slots[slot]?.Counters.Read() ?? default;

    public TeamStatistics ReadTeamStatistics() => _team.Read();

    public void CopyHashTxBytes(Span<long> destination)
    {
        for (int i = 0; i < _hashTxBytes.Length; i++)
        {
            destination[i] = Volatile.Read(ref _hashTxBytes[i]);
        }
    }

    /// <summary>Makes the data plane thread fail as an epoll error would, for the test that it dies loudly.</summary>
    internal void FailForTest() => Execute(new PlaneCommand(PlaneCommandKind.Fail, null));

    private Errno Execute(PlaneCommand command)
    {
        if (Environment.CurrentManagedThreadId == _thread.ManagedThreadId || !_thread.IsAlive)
        {
            if (command.Kind == PlaneCommandKind.Fail)
            {
                return Errno.EINVAL;
            }
            Apply(command);
            return Errno.Success;
        }
        _commands.Enqueue(command);
        _wake.Signal();
        // The thread acknowledges between batches; a bounded wait keeps a wedged thread from hanging control.
        bool done = command.Done.Wait(TimeSpan.FromSeconds(10));
        if (done)
        {
            command.Done.Dispose();
        }
        return done ? Errno.Success : Errno.ETIMEDOUT;
    }

    private void Apply(PlaneCommand command)
    {
        PortSocket socket = command.Socket!;
        if (command.Kind == PlaneCommandKind.Attach)
        {
            _slots[socket.Index] = socket;
            _epoll.Add(socket.Fd, EpollFlags.In, (ulong)socket.Index + 1);
        }
        else
        {
            _epoll.Remove(socket.Fd);
            _slots[socket.Index] = null;
        }
        command.Done.Set();
    }

    public void Dispose()
    {
        if (_stop)
        {
            return;
        }
        _stop = true;
        _wake.Signal();
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i]?.Dispose();
            _slots[i] = null;
        }
        _epoll.Dispose();
        _wake.Dispose();
        _carrier.Dispose();
        _tap.DangerousRelease();
    }

    private static void Require(Errno err, string what)
    {
        if (!err.IsSuccess)
        {
            throw new TeamException(err, $"Data plane setup failed at {what}: {err.Message}.");
        }
    }

    private static T Require<T>(Errno err, T? value, string what)
        where T : class
    {
        Require(err, what);
        return value ?? throw new TeamException(Errno.EINVAL, $"Data plane setup failed at {what}.");
    }
}
