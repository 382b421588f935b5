using System.Buffers.Binary;
using NetTeam.Interop.Native;

namespace NetTeam.Interop;

/// <summary>AF_PACKET sockets bound to one interface (packet(7)).</summary>
public static unsafe class PacketSocket
{
    public const ushort AllProtocols = 0x0003;
    public const ushort SlowProtocols = 0x8809;

    private const int SOL_PACKET = 263;
    private const int PACKET_ADD_MEMBERSHIP = 1;
    private const int PACKET_DROP_MEMBERSHIP = 2;
    private const int PACKET_AUXDATA = 8;
    private const int PACKET_STATISTICS = 6;
    private const int PACKET_VNET_HDR = 15;
    private const int PACKET_QDISC_BYPASS = 20;
    private const int PACKET_IGNORE_OUTGOING = 23;

    /// <summary>
    /// An AF_PACKET SOCK_RAW socket bound to <paramref name="ifindex"/> for htons(protocol). The socket is
    /// opened with protocol 0 and given its protocol by the bind: a socket opened with a protocol is hooked
    /// on every interface at once, and the bind that narrows it to one unhooks it with synchronize_net(), a
    /// full RCU grace period (packet_do_bind, net/packet/af_packet.c; 11 ms a port here, most of a start).
    /// Opened with 0 it receives nothing until the bind (packet(7)), so no other interface's frame is queued.
    /// </summary>
    public static Errno Open(int ifindex, ushort protocol, bool nonBlocking, out FileDescriptorHandle? handle)
    {
        ushort netProtocol = BinaryPrimitives.ReverseEndianness(protocol);
        Errno err = Libc.OpenSocket(Libc.AF_PACKET, Libc.SOCK_RAW | (nonBlocking ? Libc.SOCK_NONBLOCK : 0), 0, out handle);
        if (!err.IsSuccess)
        {
            return err;
        }
        SockaddrLl addr = default;
        addr.Family = Libc.AF_PACKET;
        addr.Protocol = netProtocol;
        addr.IfIndex = ifindex;
        if (Libc.Bind(handle!.Fd, &addr, (uint)sizeof(SockaddrLl)) < 0)
        {
            err = Errno.FromLastError();
            handle.Dispose();
            handle = null;
            return err;
        }
        return Errno.Success;
    }

    /// <summary>
    /// A control-frame socket on <paramref name="ifindex"/>: every protocol, but only what
    /// <paramref name="filter"/> accepts, never our own transmissions, with the VLAN tag reported
    /// (PACKET_AUXDATA), non-blocking. The filter is attached before the bind so no unfiltered frame is queued.
    /// </summary>
    public static Errno OpenFiltered(int ifindex, SocketFilter filter, out FileDescriptorHandle? handle)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // Protocol 0: the socket receives nothing until it is bound with a protocol (packet(7)).
        Errno err = Libc.OpenSocket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_NONBLOCK, 0, out handle);
        if (!err.IsSuccess)
        {
            return err;
        }
        fixed (SockFilter* program = filter.Program)
        {
            SockFprog prog = new() { Length = (ushort)filter.Length, Filter = program };
            err = Libc.SetSockOpt(handle!.Fd, Libc.SOL_SOCKET, Libc.SO_ATTACH_FILTER, &prog, (uint)sizeof(SockFprog)) == 0 ? Errno.Success : Errno.FromLastError();
        }
        if (err.IsSuccess)
        {
            err = SetIgnoreOutgoing(handle!, true);
        }
        if (err.IsSuccess)
        {
            err = SetAuxData(handle!, true);
        }
        if (err.IsSuccess)
        {
            SockaddrLl addr = default;
            addr.Family = Libc.AF_PACKET;
            addr.Protocol = BinaryPrimitives.ReverseEndianness(AllProtocols);
            addr.IfIndex = ifindex;
            err = Libc.Bind(handle!.Fd, &addr, (uint)sizeof(SockaddrLl)) < 0 ? Errno.FromLastError() : Errno.Success;
        }
        if (!err.IsSuccess)
        {
            handle!.Dispose();
            handle = null;
        }
        return err;
    }

    /// <summary>
    /// Receives one frame (recvmsg) with the VLAN id the kernel took off it, if any (PACKET_AUXDATA). Returns
    /// the frame's length, or -1 with the error (EAGAIN when nothing is queued). A frame longer than
    /// <paramref name="buffer"/> is reported with <paramref name="truncated"/> set.
    /// </summary>
    public static int Receive(FileDescriptorHandle s, Span<byte> buffer, out ushort? vlanId, out bool truncated, out Errno error)
    {
        ArgumentNullException.ThrowIfNull(s);
        const int MSG_TRUNC = 0x20;
        vlanId = null;
        truncated = false;
        byte* control = stackalloc byte[PacketAuxData.ControlSize];
        fixed (byte* p = buffer)
        {
            IoVec iov = new() { Base = p, Length = (nuint)buffer.Length };
            MsgHdr msg = new() { Iov = &iov, IovLength = 1, Control = control, ControlLength = PacketAuxData.ControlSize };
            nint n = Libc.RecvMsg(s.Fd, &msg, MSG_TRUNC);
            if (n < 0)
            {
                error = Errno.FromLastError();
                return -1;
            }
            error = Errno.Success;
            truncated = n > buffer.Length || (msg.Flags & MSG_TRUNC) != 0;
            if (PacketAuxData.TryReadVlan(control, msg.ControlLength, out ushort tci, out _))
            {
                vlanId = (ushort)(tci & 0x0fff);
            }
            return (int)Math.Min(n, buffer.Length);
        }
    }

    public static Errno SetIgnoreOutgoing(FileDescriptorHandle s, bool on) => Libc.SetSockOptInt(s.Fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, on ? 1 : 0);

    public static Errno SetVnetHeader(FileDescriptorHandle s, bool on) => Libc.SetSockOptInt(s.Fd, SOL_PACKET, PACKET_VNET_HDR, on ? 1 : 0);

    public static Errno SetQdiscBypass(FileDescriptorHandle s, bool on) => Libc.SetSockOptInt(s.Fd, SOL_PACKET, PACKET_QDISC_BYPASS, on ? 1 : 0);

    public static Errno SetAuxData(FileDescriptorHandle s, bool on) => Libc.SetSockOptInt(s.Fd, SOL_PACKET, PACKET_AUXDATA, on ? 1 : 0);

    public static Errno AddMembership(FileDescriptorHandle s, int ifindex, PacketMembership kind, ReadOnlySpan<byte> address) =>
        Membership(s, PACKET_ADD_MEMBERSHIP, ifindex, kind, address);

    public static Errno DropMembership(FileDescriptorHandle s, int ifindex, PacketMembership kind, ReadOnlySpan<byte> address) =>
        Membership(s, PACKET_DROP_MEMBERSHIP, ifindex, kind, address);

    private static Errno Membership(FileDescriptorHandle s, int option, int ifindex, PacketMembership kind, ReadOnlySpan<byte> address)
    {
        ArgumentNullException.ThrowIfNull(s);
        PacketMreq mreq = default;
        mreq.IfIndex = ifindex;
        mreq.Type = (ushort)kind;
        int len = Math.Min(address.Length, 8);
        mreq.ALen = (ushort)len;
        for (int i = 0; i < len; i++)
        {
            mreq.Address[i] = address[i];
        }
        return Libc.SetSockOpt(s.Fd, SOL_PACKET, option, &mreq, (uint)sizeof(PacketMreq)) == 0 ? Errno.Success : Errno.FromLastError();
    }

    /// <summary>
    /// Frames the kernel dropped because the socket's receive queue was full, since the last call
    /// (PACKET_STATISTICS, packet(7): reading the counters resets them). -1 when the socket refuses.
    /// </summary>
    public static long ReadQueueDrops(FileDescriptorHandle s)
    {
        ArgumentNullException.ThrowIfNull(s);
        // struct tpacket_stats { unsigned int tp_packets; unsigned int tp_drops; }
        uint* stats = stackalloc uint[2];
        uint length = 2 * sizeof(uint);
        return Libc.GetSockOpt(s.Fd, SOL_PACKET, PACKET_STATISTICS, stats, &length) == 0 ? stats[1] : -1;
    }

    /// <summary>SO_RCVBUFFORCE (root may exceed rmem_max), falling back to SO_RCVBUF.</summary>
    public static Errno SetReceiveBuffer(FileDescriptorHandle s, int bytes)
    {
        ArgumentNullException.ThrowIfNull(s);
        Errno err = Libc.SetSockOptInt(s.Fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, bytes);
        return err.IsSuccess ? err : Libc.SetSockOptInt(s.Fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, bytes);
    }

    public static Errno SetSendBuffer(FileDescriptorHandle s, int bytes)
    {
        ArgumentNullException.ThrowIfNull(s);
        Errno err = Libc.SetSockOptInt(s.Fd, Libc.SOL_SOCKET, Libc.SO_SNDBUFFORCE, bytes);
        return err.IsSuccess ? err : Libc.SetSockOptInt(s.Fd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, bytes);
    }

    /// <summary>Sends one whole frame (starting with the Ethernet header) out of <paramref name="ifindex"/>.</summary>
    public static Errno SendTo(FileDescriptorHandle s, int ifindex, ReadOnlySpan<byte> frame)
    {
        ArgumentNullException.ThrowIfNull(s);
        SockaddrLl addr = default;
        addr.Family = Libc.AF_PACKET;
        addr.IfIndex = ifindex;
        addr.HaLen = 6;
        if (frame.Length >= 14)
        {
            addr.Protocol = BinaryPrimitives.ReadUInt16LittleEndian(frame[12..]);
            for (int i = 0; i < 6; i++)
            {
                addr.Addr[i] = frame[i];
            }
        }
        fixed (byte* p = frame)
        {
            return Libc.SendTo(s.Fd, p, (nuint)frame.Length, 0, &addr, (uint)sizeof(SockaddrLl)) < 0 ? Errno.FromLastError() : Errno.Success;
        }
    }
}
