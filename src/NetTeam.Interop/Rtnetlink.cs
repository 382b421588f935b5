using System.Buffers.Binary;
using System.Net;

namespace NetTeam.Interop;

/// <summary>
/// A NETLINK_ROUTE request socket (rtnetlink(7)) in the namespace of the thread that opened it: link
/// queries and changes, acknowledged so every call returns the kernel's errno.
/// </summary>
public sealed unsafe class Rtnetlink : IDisposable
{
    private const int NETLINK_ROUTE = 0;
    private const int SOL_NETLINK = 270;
    private const int NETLINK_EXT_ACK = 11;
    private const int NETLINK_GET_STRICT_CHK = 12;
    private const uint RTEXT_FILTER_SKIP_STATS = 1u << 3;

    private readonly FileDescriptorHandle _handle;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private uint _sequence = (uint)Environment.TickCount;

    private Rtnetlink(FileDescriptorHandle handle) => _handle = handle;

    public static Errno Open(out Rtnetlink? rtnl)
    {
        rtnl = null;
        Errno err = Libc.OpenSocket(Libc.AF_NETLINK, Libc.SOCK_RAW, NETLINK_ROUTE, out FileDescriptorHandle? handle);
        if (!err.IsSuccess)
        {
            return err;
        }
        Native.SockaddrNl addr = new() { Family = Libc.AF_NETLINK };
        if (Libc.Bind(handle!.Fd, &addr, (uint)sizeof(Native.SockaddrNl)) < 0)
        {
            err = Errno.FromLastError();
            handle.Dispose();
            return err;
        }
        Libc.SetSockOptInt(handle.Fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
        Libc.SetSockOptInt(handle.Fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, 1);
        rtnl = new Rtnetlink(handle);
        return Errno.Success;
    }

    public Errno GetLink(int ifindex, out LinkInfo? link) =>
        GetLinkCore(new NetlinkMessage(NetlinkMessage.RTM_GETLINK, NetlinkMessage.NLM_F_REQUEST, ++_sequence, NetlinkMessage.IfInfo(ifindex))
            .Attribute(NetlinkMessage.IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS), out link);

    public Errno GetLink(string name, out LinkInfo? link)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 15)
        {
            link = null;
            return Errno.ENODEV;
        }
        return GetLinkCore(new NetlinkMessage(NetlinkMessage.RTM_GETLINK, NetlinkMessage.NLM_F_REQUEST, ++_sequence, NetlinkMessage.IfInfo(0))
            .Attribute(NetlinkMessage.IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS)
            .Attribute(NetlinkMessage.IFLA_IFNAME, name), out link);
    }

    private Errno GetLinkCore(NetlinkMessage request, out LinkInfo? link)
    {
        LinkInfo? found = null;
        Errno err = Transact(request.ToArray(), (type, payload) =>
        {
            if (type == NetlinkMessage.RTM_NEWLINK)
            {
                found = NetlinkMessage.ParseLink(payload);
            }
        });
        link = found;
        return err.IsSuccess && found is null ? Errno.ENODEV : err;
    }

    public Errno ListLinks(List<LinkInfo> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        NetlinkMessage req = new NetlinkMessage(NetlinkMessage.RTM_GETLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP, ++_sequence, NetlinkMessage.IfInfo(0))
            .Attribute(NetlinkMessage.IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
        return Transact(req.ToArray(), (type, payload) =>
        {
            if (type == NetlinkMessage.RTM_NEWLINK && NetlinkMessage.ParseLink(payload) is LinkInfo l)
            {
                into.Add(l);
            }
        });
    }

    public Errno SetUp(int ifindex, bool up) => SetFlags(ifindex, up ? LinkFlags.Up : LinkFlags.None, LinkFlags.Up);

    public Errno SetFlags(int ifindex, LinkFlags flags, LinkFlags mask) =>
        Change(new NetlinkMessage(NetlinkMessage.RTM_NEWLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, ++_sequence, NetlinkMessage.IfInfo(ifindex, (uint)flags, (uint)mask)));

    public Errno SetMtu(int ifindex, int mtu) =>
        Change(new NetlinkMessage(NetlinkMessage.RTM_NEWLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, ++_sequence, NetlinkMessage.IfInfo(ifindex))
            .Attribute(NetlinkMessage.IFLA_MTU, (uint)mtu));

    public Errno SetAddress(int ifindex, MacAddress address) =>
        Change(new NetlinkMessage(NetlinkMessage.RTM_NEWLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, ++_sequence, NetlinkMessage.IfInfo(ifindex))
            .Attribute(NetlinkMessage.IFLA_ADDRESS, address.ToArray()));

    /// <summary>The largest GSO frame the stack builds for the device (ip link set DEV gso_max_size N gso_max_segs M).</summary>
    public Errno SetGsoLimits(int ifindex, int maxSize, int maxSegments) =>
        Change(new NetlinkMessage(NetlinkMessage.RTM_NEWLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, ++_sequence, NetlinkMessage.IfInfo(ifindex))
            .Attribute(NetlinkMessage.IFLA_GSO_MAX_SIZE, (uint)maxSize)
            .Attribute(NetlinkMessage.IFLA_GSO_MAX_SEGS, (uint)maxSegments));

    public Errno DeleteLink(int ifindex) =>
        Change(new NetlinkMessage(NetlinkMessage.RTM_DELLINK, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK, ++_sequence, NetlinkMessage.IfInfo(ifindex)));

    /// <summary>The IPv4 and IPv6 addresses of an interface (RTM_GETADDR dump).</summary>
    public Errno ListAddresses(int ifindex, List<IPAddress> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        byte[] ifa = new byte[8];
        NetlinkMessage req = new(NetlinkMessage.RTM_GETADDR, NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP, ++_sequence, ifa);
        return Transact(req.ToArray(), (type, payload) =>
        {
            if (type != NetlinkMessage.RTM_NEWADDR || payload.Length < 8)
            {
                return;
            }
            int index = BinaryPrimitives.ReadInt32LittleEndian(payload.Span[4..]);
            if (index != ifindex)
            {
                return;
            }
            byte[]? local = null, address = null;
            foreach ((ushort t, byte[] v) in NetlinkMessage.Attributes(payload[8..]))
            {
                if (t == NetlinkMessage.IFA_LOCAL)
                {
                    local = v;
                }
                else if (t == NetlinkMessage.IFA_ADDRESS)
                {
                    address = v;
                }
            }
            byte[]? chosen = local ?? address;
            if (chosen is { Length: 4 or 16 })
            {
                into.Add(new IPAddress(chosen));
            }
        });
    }

    private Errno Change(NetlinkMessage request) => Transact(request.ToArray(), null);

    /// <summary>Sends one request and reads until its ACK, error or NLMSG_DONE.</summary>
    private Errno Transact(byte[] request, Action<ushort, ReadOnlyMemory<byte>>? onMessage)
    {
        uint seq = BinaryPrimitives.ReadUInt32LittleEndian(request.AsSpan(8));
        bool dump = (BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(6)) & NetlinkMessage.NLM_F_DUMP) == NetlinkMessage.NLM_F_DUMP;
        bool ack = (BinaryPrimitives.ReadUInt16LittleEndian(request.AsSpan(6)) & NetlinkMessage.NLM_F_ACK) != 0;
        fixed (byte* p = request)
        {
            if (Libc.Send(_handle.Fd, p, (nuint)request.Length, 0) < 0)
            {
                return Errno.FromLastError();
            }
        }
        while (true)
        {
            int n;
            fixed (byte* p = _buffer)
            {
                nint r = Libc.Recv(_handle.Fd, p, (nuint)_buffer.Length, 0);
                if (r < 0)
                {
                    Errno e = Errno.FromLastError();
                    if (e == Errno.EINTR)
                    {
                        continue;
                    }
                    return e;
                }
                n = (int)r;
            }
            int offset = 0;
            while (offset + NetlinkMessage.HeaderSize <= n)
            {
                int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(offset));
                ushort type = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(offset + 4));
                uint mseq = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(offset + 8));
                if (len < NetlinkMessage.HeaderSize || offset + len > n)
                {
                    break;
                }
                if (mseq == seq)
                {
                    if (type == NetlinkMessage.NLMSG_ERROR)
                    {
                        int code = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(offset + NetlinkMessage.HeaderSize));
                        return code == 0 ? Errno.Success : new Errno(-code);
                    }
                    if (type == NetlinkMessage.NLMSG_DONE)
                    {
                        return Errno.Success;
                    }
                    onMessage?.Invoke(type, _buffer.AsMemory(offset + NetlinkMessage.HeaderSize, len - NetlinkMessage.HeaderSize).ToArray());
                    if (!dump && !ack)
                    {
                        return Errno.Success;
                    }
                }
                offset += (len + 3) & ~3;
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
