using System.Buffers.Binary;
using System.Text;

namespace NetTeam.Interop;

/// <summary>
/// Builds and parses netlink messages (netlink(7), rtnetlink(7)): a header, a fixed family struct and
/// 4-byte aligned attributes. Control path only; it allocates freely.
/// </summary>
internal sealed class NetlinkMessage
{
    public const ushort NLMSG_ERROR = 2;
    public const ushort NLMSG_DONE = 3;
    public const ushort NLM_F_REQUEST = 0x1;
    public const ushort NLM_F_MULTI = 0x2;
    public const ushort NLM_F_ACK = 0x4;
    public const ushort NLM_F_DUMP = 0x300;
    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_DELLINK = 17;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_NEWADDR = 20;
    public const ushort RTM_GETADDR = 22;
    public const ushort IFLA_ADDRESS = 1;
    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_MTU = 4;
    public const ushort IFLA_MASTER = 10;
    public const ushort IFLA_OPERSTATE = 16;
    public const ushort IFLA_LINKINFO = 18;
    public const ushort IFLA_EXT_MASK = 29;
    public const ushort IFLA_CARRIER = 33;
    public const ushort IFLA_GSO_MAX_SEGS = 40;
    public const ushort IFLA_GSO_MAX_SIZE = 41;
    public const ushort IFLA_MIN_MTU = 50;
    public const ushort IFLA_MAX_MTU = 51;
    public const ushort IFLA_PERM_ADDRESS = 54;
    public const ushort IFLA_INFO_KIND = 1;
    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;
    public const int HeaderSize = 16;

    private readonly List<byte> _bytes = [];

    public NetlinkMessage(ushort type, ushort flags, uint sequence, ReadOnlySpan<byte> familyHeader)
    {
        Span<byte> h = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], sequence);
        _bytes.AddRange(h);
        _bytes.AddRange(familyHeader);
        Pad();
    }

    /// <summary>struct ifinfomsg as bytes.</summary>
    public static byte[] IfInfo(int index, uint flags = 0, uint change = 0)
    {
        byte[] b = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4), index);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), change);
        return b;
    }

    public NetlinkMessage Attribute(ushort type, ReadOnlySpan<byte> value)
    {
        Span<byte> h = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(h, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(h[2..], type);
        _bytes.AddRange(h);
        _bytes.AddRange(value);
        Pad();
        return this;
    }

    public NetlinkMessage Attribute(ushort type, uint value)
    {
        Span<byte> v = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(v, value);
        return Attribute(type, v);
    }

    public NetlinkMessage Attribute(ushort type, string value)
    {
        byte[] s = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, s);
        return Attribute(type, s);
    }

    public byte[] ToArray()
    {
        byte[] b = [.. _bytes];
        BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)b.Length);
        return b;
    }

    private void Pad()
    {
        while (_bytes.Count % 4 != 0)
        {
            _bytes.Add(0);
        }
    }

    /// <summary>Visits the attributes in <paramref name="data"/>.</summary>
    public static IEnumerable<(ushort Type, byte[] Value)> Attributes(ReadOnlyMemory<byte> data)
    {
        int offset = 0;
        while (offset + 4 <= data.Length)
        {
            ReadOnlySpan<byte> span = data.Span;
            int len = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
            ushort type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 2)..]) & 0x3FFF);
            if (len < 4 || offset + len > data.Length)
            {
                yield break;
            }
            yield return (type, span.Slice(offset + 4, len - 4).ToArray());
            offset += (len + 3) & ~3;
        }
    }

    /// <summary>Parses an RTM_NEWLINK/RTM_DELLINK payload (after the netlink header).</summary>
    public static LinkInfo? ParseLink(ReadOnlyMemory<byte> payload)
    {
        if (payload.Length < 16)
        {
            return null;
        }
        ReadOnlySpan<byte> s = payload.Span;
        LinkType type = (LinkType)BinaryPrimitives.ReadUInt16LittleEndian(s[2..]);
        int index = BinaryPrimitives.ReadInt32LittleEndian(s[4..]);
        LinkFlags flags = (LinkFlags)BinaryPrimitives.ReadUInt32LittleEndian(s[8..]);
        string name = string.Empty;
        int mtu = 0, master = 0, minMtu = 0, maxMtu = 0, gsoSize = 0, gsoSegs = 0;
        byte operState = 0;
        bool? carrier = null;
        MacAddress address = default;
        MacAddress? perm = null;
        string? kind = null;
        foreach ((ushort t, byte[] v) in Attributes(payload[16..]))
        {
            switch (t)
            {
                case IFLA_IFNAME:
                    name = Encoding.UTF8.GetString(v).TrimEnd('\0');
                    break;
                case IFLA_MTU when v.Length >= 4:
                    mtu = BinaryPrimitives.ReadInt32LittleEndian(v);
                    break;
                case IFLA_ADDRESS when v.Length == 6:
                    address = new MacAddress(v);
                    break;
                case IFLA_PERM_ADDRESS when v.Length == 6:
                    perm = new MacAddress(v);
                    break;
                case IFLA_MASTER when v.Length >= 4:
                    master = BinaryPrimitives.ReadInt32LittleEndian(v);
                    break;
                case IFLA_CARRIER when v.Length >= 1:
                    carrier = v[0] != 0;
                    break;
                case IFLA_OPERSTATE when v.Length >= 1:
                    operState = v[0];
                    break;
                case IFLA_MIN_MTU when v.Length >= 4: minMtu = Int(v); break;
                case IFLA_MAX_MTU when v.Length >= 4: maxMtu = Int(v); break;
                case IFLA_GSO_MAX_SIZE when v.Length >= 4: gsoSize = Int(v); break;
                case IFLA_GSO_MAX_SEGS when v.Length >= 4: gsoSegs = Int(v); break;
                case IFLA_LINKINFO:
                    kind = LinkKind(v) ?? kind;
                    break;
            }
        }
        // Without IFLA_CARRIER (old kernels), IFF_LOWER_UP is the carrier.
        return new LinkInfo(index, name, type, flags, mtu, address, perm, master, carrier ?? (flags & LinkFlags.LowerUp) != 0, operState, kind, minMtu, maxMtu, gsoSize, gsoSegs);
    }

    private static int Int(byte[] v) => BinaryPrimitives.ReadInt32LittleEndian(v);

    /// <summary>IFLA_INFO_KIND inside IFLA_LINKINFO ("veth", "tun", "bridge", ...).</summary>
    private static string? LinkKind(byte[] linkInfo)
    {
        string? kind = null;
        foreach ((ushort t, byte[] v) in Attributes(linkInfo))
        {
            if (t == IFLA_INFO_KIND)
            {
                kind = Encoding.UTF8.GetString(v).TrimEnd('\0');
            }
        }
        return kind;
    }
}
