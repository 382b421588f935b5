using System.Collections.Concurrent;
using NetTeam.Device.Backends;
using NetTeam.Device.Linux;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.DataPlane;

/// <summary>
/// The userspace data plane: one dedicated epoll thread moves frames TAP -> mode -> port packet socket and
/// port packet socket -> mode -> TAP. Both sides carry virtio-net headers (IFF_VNET_HDR, PACKET_VNET_HDR), so
/// a 64 KB GSO frame or a CHECKSUM_PARTIAL frame is forwarded as one buffer, untouched. The thread reads the
/// latest <see cref="TeamSnapshot"/> per frame without locks and allocates nothing per frame; port sockets
/// come and go through commands the thread executes between batches.
/// </summary>
internal sealed class UserspaceDataPlane : IDataPlane
{
    /// <summary>Room for a 64 KB GSO frame plus its vnet header; a read that fills the buffer was truncated.</summary>
    public const int BufferSize = 65536 + 1024;

    private const int VnetHeader = Tap.VnetHeaderSize;
    private const int MinFrame = VnetHeader + 14;
    private const int RxBatch = 16;
    private const int TapBudget = 64;
    private const ulong TapKey = 0;
    private const ulong WakeKey = ulong.MaxValue;
    private const int SocketBuffer = 4 * 1024 * 1024;

    private readonly NamespaceContext _ns;
    private readonly FileDescriptorHandle _tap;
    private readonly int _tapFd;
    private readonly Epoll _epoll;
    private readonly EventFd _wake;
    private readonly Thread _thread;
    private readonly PortSlot?[] _slots = new PortSlot?[TeamSnapshot.MaxPorts];
    private readonly ConcurrentQueue<Command> _commands = new();
    private readonly long[] _hashTxBytes = new long[TeamSnapshot.HashBuckets];
    private readonly byte[] _tapBuffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
    private readonly long _busyPollMicroseconds;
    private readonly CarrierProbe _carrier;
    private readonly long _carrierCheckTicks = System.Diagnostics.Stopwatch.Frequency / 1000;
    private TeamSnapshot _snapshot = TeamSnapshot.Empty;
    private TxState _txState;
    private volatile bool _stop;
    private long _allocatedBytes;
    private long _loops;

    public UserspaceDataPlane(NamespaceContext ns, FileDescriptorHandle tap, ulong seed, int busyPollMicroseconds)
    {
        _busyPollMicroseconds = busyPollMicroseconds;
        _ns = ns;
        _tap = tap;
        bool added = false;
        _tap.DangerousAddRef(ref added);
        _tapFd = _tap.Fd;
        _txState = new TxState(seed);
        Check(Epoll.Create(out Epoll? epoll), "epoll_create");
        _epoll = epoll!;
        Check(EventFd.Create(out EventFd? wake), "eventfd");
        _wake = wake!;
        Check(_epoll.Add(_tapFd, EpollFlags.In, TapKey), "epoll_ctl(tap)");
        Check(_epoll.Add(_wake.Fd, EpollFlags.In, WakeKey), "epoll_ctl(eventfd)");
        using (_ns.Enter())
        {
            Check(CarrierProbe.Open(out CarrierProbe? carrier), "the carrier probe socket");
            _carrier = carrier!;
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "netteam-dataplane" };
        _thread.Start();
    }

    public PortCounters TeamCounters { get; } = new();

    public ReadOnlySpan<long> HashTxBytes => _hashTxBytes;

    /// <summary>Bytes the data plane thread had allocated at its last wake-up (a test checks it stays flat).</summary>
    internal long AllocatedBytes => Volatile.Read(ref _allocatedBytes);

    /// <summary>Epoll wake-ups handled so far.</summary>
    internal long Loops => Volatile.Read(ref _loops);

    public void Publish(TeamSnapshot snapshot) => Volatile.Write(ref _snapshot, snapshot);

    /// <summary>
    /// Raised on the data plane thread when a port that frames are sent on is seen with another carrier than
    /// it had: the device then reads the link as for an rtnetlink event, without the kernel's linkwatch delay.
    /// </summary>
    public Action<int>? CarrierChanged { get; set; }

    public Errno AttachPort(TeamPort port)
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
        MessageBatch? batch = null;
        try
        {
            // Our own transmissions must not come back to us (packet(7) PACKET_IGNORE_OUTGOING).
            Errno err = PacketSocket.SetIgnoreOutgoing(handle, true);
            err = err.IsSuccess ? PacketSocket.SetVnetHeader(handle, true) : err;
            // No PACKET_QDISC_BYPASS: its direct transmit drops a GSO frame that the port cannot segment in
            // hardware (dev_direct_xmit gives up when validate_xmit_skb splits the skb), which kills TCP on a
            // port without TSO, such as a veth with tx checksumming off facing Open vSwitch. The normal path
            // segments in software, and it honours the port's qdisc as the kernel team driver does.
            if (!err.IsSuccess)
            {
                handle.Dispose();
                return err;
            }
            // The default 208 KB receive buffer holds only ~50 frames; bursts would overflow it (teamd-spec §5.1).
            PacketSocket.SetReceiveBuffer(handle, SocketBuffer);
            PacketSocket.SetSendBuffer(handle, SocketBuffer);
            batch = new MessageBatch(RxBatch, BufferSize);
            PortSlot slot = new(port.Slot, handle, batch, port.Counters) { Name = port.Name, Carrier = port.Link.Up };
            Execute(new Command(CommandKind.Attach, slot));
            return Errno.Success;
        }
        catch
        {
            batch?.Dispose();
            handle.Dispose();
            throw;
        }
    }

    public void DetachPort(TeamPort port)
    {
        PortSlot? slot = _slots[port.Slot];
        if (slot is null)
        {
            return;
        }
        Execute(new Command(CommandKind.Detach, slot));
        slot.Dispose();
    }

    public Errno SetPortFilters(TeamPort port, bool promiscuous, bool allMulticast, IReadOnlyList<MacAddress> multicast)
    {
        PortSlot? slot = _slots[port.Slot];
        if (slot is null)
        {
            return Errno.ENODEV;
        }
        // Packet-socket memberships (packet(7) PACKET_ADD_MEMBERSHIP) are dropped by the kernel when the
        // socket closes, so promisc, allmulti and the multicast list are undone even if the process dies.
        Errno err = Errno.Success;
        if (promiscuous != slot.Promiscuous)
        {
            err = promiscuous
                ? PacketSocket.AddMembership(slot.Handle, port.IfIndex, PacketMembership.Promiscuous, default)
                : PacketSocket.DropMembership(slot.Handle, port.IfIndex, PacketMembership.Promiscuous, default);
            if (!err.IsSuccess)
            {
                return err;
            }
            slot.Promiscuous = promiscuous;
        }
        if (allMulticast != slot.AllMulticast)
        {
            err = allMulticast
                ? PacketSocket.AddMembership(slot.Handle, port.IfIndex, PacketMembership.AllMulticast, default)
                : PacketSocket.DropMembership(slot.Handle, port.IfIndex, PacketMembership.AllMulticast, default);
            if (!err.IsSuccess)
            {
                return err;
            }
            slot.AllMulticast = allMulticast;
        }
        Span<byte> bytes = stackalloc byte[6];
        foreach (MacAddress mac in multicast)
        {
            if (slot.Multicast.Add(mac))
            {
                mac.CopyTo(bytes);
                PacketSocket.AddMembership(slot.Handle, port.IfIndex, PacketMembership.Multicast, bytes);
            }
        }
        foreach (MacAddress mac in slot.Multicast.ToArray())
        {
            if (!multicast.Contains(mac))
            {
                slot.Multicast.Remove(mac);
                mac.CopyTo(bytes);
                PacketSocket.DropMembership(slot.Handle, port.IfIndex, PacketMembership.Multicast, bytes);
            }
        }
        return err;
    }

    private void Execute(Command command)
    {
        if (Environment.CurrentManagedThreadId == _thread.ManagedThreadId || !_thread.IsAlive)
        {
            Apply(command);
            return;
        }
        _commands.Enqueue(command);
        _wake.Signal();
        // The thread acknowledges between batches; a bounded wait keeps a wedged thread from hanging control.
        if (!command.Done.Wait(TimeSpan.FromSeconds(10)))
        {
            throw new TeamException(Errno.EBUSY, "The data plane thread did not answer within 10 s.");
        }
    }

    private void Apply(Command command)
    {
        PortSlot slot = command.Slot;
        if (command.Kind == CommandKind.Attach)
        {
            _slots[slot.Index] = slot;
            _epoll.Add(slot.Fd, EpollFlags.In, (ulong)slot.Index + 1);
        }
        else
        {
            _epoll.Remove(slot.Fd);
            _slots[slot.Index] = null;
        }
        command.Done.Set();
    }

    private void Run()
    {
        Span<EpollEvent> events = stackalloc EpollEvent[TeamSnapshot.MaxPorts + 2];
        long spinTicks = System.Diagnostics.Stopwatch.Frequency * _busyPollMicroseconds / 1_000_000;
        long spinUntil = 0;
        while (!_stop)
        {
            // After traffic, poll without sleeping for a moment: the answer to what was just forwarded
            // usually comes within tens of microseconds, and a sleeping thread's wake-up costs more than that
            // on a virtual CPU. Idle, the thread blocks.
            bool spinning = System.Diagnostics.Stopwatch.GetTimestamp() < spinUntil;
            int n = _epoll.Wait(events, spinning ? 0 : -1, out Errno err);
            if (n == 0 && spinning)
            {
                continue;
            }
            if (n < 0)
            {
                if (err == Errno.EINTR)
                {
                    continue;
                }
                break;
            }
            for (int i = 0; i < n; i++)
            {
                ulong key = events[i].Data;
                if (key == TapKey)
                {
                    PumpTap();
                }
                else if (key == WakeKey)
                {
                    _wake.Drain();
                    while (_commands.TryDequeue(out Command? command))
                    {
                        Apply(command);
                    }
                }
                else
                {
                    PumpPort((int)(key - 1));
                }
            }
            _loops++;
            spinUntil = System.Diagnostics.Stopwatch.GetTimestamp() + spinTicks;
            Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        }
    }

    /// <summary>TAP -> mode -> port: frames the team interface transmits.</summary>
    private void PumpTap()
    {
        byte[] buffer = _tapBuffer;
        PortCounters team = TeamCounters;
        for (int budget = 0; budget < TapBudget; budget++)
        {
            int n = RawIo.Read(_tapFd, buffer, out Errno err);
            if (n < 0)
            {
                return;
            }
            if (n < MinFrame || n >= BufferSize)
            {
                team.TxDroppedField++;
                continue;
            }
            TeamSnapshot snapshot = Volatile.Read(ref _snapshot);
            ReadOnlySpan<byte> frame = new(buffer, VnetHeader, n - VnetHeader);
            int slot = FramePath.SelectTx(snapshot, frame, ref _txState, out byte hash);
            ReadOnlySpan<byte> wire = new(buffer, 0, n);
            bool sent = false;
            if (slot == FramePath.AllTxable)
            {
                ulong mask = snapshot.TxableMask;
                while (mask != 0)
                {
                    int s = System.Numerics.BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    sent |= SendOn(s, wire, frame.Length);
                }
            }
            else if (slot >= 0)
            {
                sent = SendOn(slot, wire, frame.Length);
                if (sent && snapshot.Mode == ModeKind.LoadBalance)
                {
                    _hashTxBytes[hash] += frame.Length;
                }
            }
            if (sent)
            {
                team.TxPacketsField++;
                team.TxBytesField += frame.Length;
            }
            else
            {
                team.TxDroppedField++;
            }
        }
    }

    private bool SendOn(int slotIndex, ReadOnlySpan<byte> wire, int frameLength)
    {
        PortSlot? slot = _slots[slotIndex];
        if (slot is null)
        {
            return false;
        }
        int sent = RawIo.Send(slot.Fd, wire, 0, out _);
        SampleCarrier(slot);
        if (sent < 0)
        {
            slot.Counters.TxDroppedField++;
            return false;
        }
        slot.Counters.TxPacketsField++;
        slot.Counters.TxBytesField += frameLength;
        return true;
    }

    /// <summary>
    /// While frames go out on a port, its carrier is read at most once a millisecond (one ioctl, no
    /// allocation): a lost carrier then stops the traffic to a dead port within a millisecond, where the
    /// rtnetlink event can take up to a second (see <see cref="CarrierProbe"/>). Idle ports cost nothing.
    /// </summary>
    private void SampleCarrier(PortSlot slot)
    {
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (now < slot.NextCarrierCheck)
        {
            return;
        }
        slot.NextCarrierCheck = now + _carrierCheckTicks;
        if (_carrier.IsUp(slot.Name, out bool up).IsSuccess && up != slot.Carrier)
        {
            slot.Carrier = up;
            CarrierChanged?.Invoke(slot.Index);
        }
    }

    /// <summary>Port -> mode -> TAP: frames a port receives.</summary>
    private void PumpPort(int slotIndex)
    {
        PortSlot? slot = _slots[slotIndex];
        if (slot is null)
        {
            return;
        }
        PortCounters port = slot.Counters;
        PortCounters team = TeamCounters;
        MessageBatch batch = slot.Batch;
        for (int round = 0; round < 4; round++)
        {
            int n = batch.Receive(slot.Fd, RxBatch, RawIo.DontWait, out _);
            if (n <= 0)
            {
                return;
            }
            TeamSnapshot snapshot = Volatile.Read(ref _snapshot);
            for (int i = 0; i < n; i++)
            {
                int length = batch.Length(i);
                // Untrusted input: a runt or a frame that filled the buffer (truncated) is counted and dropped.
                if (length < MinFrame || length >= BufferSize)
                {
                    port.RxErrorsField++;
                    continue;
                }
                ReadOnlySpan<byte> wire = batch.Buffer(i)[..length];
                ReadOnlySpan<byte> frame = wire[VnetHeader..];
                if (!FramePath.AcceptRx(snapshot, slotIndex, frame))
                {
                    port.RxDroppedField++;
                    continue;
                }
                if (RawIo.Write(_tapFd, wire, out _) < 0)
                {
                    port.RxDroppedField++;
                    team.RxDroppedField++;
                    continue;
                }
                bool multicast = FramePath.IsMulticast(frame);
                port.RxPacketsField++;
                port.RxBytesField += frame.Length;
                team.RxPacketsField++;
                team.RxBytesField += frame.Length;
                if (multicast)
                {
                    port.RxMulticastField++;
                    team.RxMulticastField++;
                }
            }
            if (n < RxBatch)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        if (_stop)
        {
            return;
        }
        _stop = true;
        _wake.Signal();
        _thread.Join(TimeSpan.FromSeconds(5));
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

    private static void Check(Errno err, string what)
    {
        if (!err.IsSuccess)
        {
            throw new TeamException(err, $"Data plane setup failed at {what}: {err.Message}.");
        }
    }

    private enum CommandKind
    {
        Attach,
        Detach,
    }

    private sealed class Command(CommandKind kind, PortSlot slot)
    {
        public CommandKind Kind { get; } = kind;

        public PortSlot Slot { get; } = slot;

        public ManualResetEventSlim Done { get; } = new();
    }

    /// <summary>A port as the data plane holds it: its packet socket (referenced for the slot's lifetime) and batch.</summary>
    private sealed class PortSlot : IDisposable
    {
        private bool _refAdded;

        public PortSlot(int index, FileDescriptorHandle handle, MessageBatch batch, PortCounters counters)
        {
            Index = index;
            Handle = handle;
            Batch = batch;
            Counters = counters;
            handle.DangerousAddRef(ref _refAdded);
            Fd = handle.Fd;
        }

        public int Index { get; }

        public FileDescriptorHandle Handle { get; }

        public int Fd { get; }

        public MessageBatch Batch { get; }

        public PortCounters Counters { get; }

        public bool Promiscuous { get; set; }

        /// <summary>The port's name, for the carrier ioctl (renames are rare and only weaken the sampling).</summary>
        public string Name { get; init; } = string.Empty;

        /// <summary>The carrier last sampled or attached with.</summary>
        public bool Carrier { get; set; }

        public long NextCarrierCheck { get; set; }

        public bool AllMulticast { get; set; }

        public HashSet<MacAddress> Multicast { get; } = [];

        public void Dispose()
        {
            if (_refAdded)
            {
                _refAdded = false;
                Handle.DangerousRelease();
            }
            Handle.Dispose();
            Batch.Dispose();
        }
    }
}
