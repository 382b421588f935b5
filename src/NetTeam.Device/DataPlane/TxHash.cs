using System.Buffers.Binary;

namespace NetTeam.Device.DataPlane;

/// <summary>
/// The loadbalance transmit hash over teamd's fragments. teamd compiles the fragments into a classic BPF
/// program whose 32-bit result the kernel folds to 8 bits (Linux team_mode_loadbalance.c lb_hash);
/// NetTeam computes the same kind of hash directly, so both data planes (userspace and the planned eBPF
/// one) can share it. Every read is bounds-checked: a truncated frame simply contributes fewer fields.
/// </summary>
public static class TxHash
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;
    private const byte ProtoTcp = 6;
    private const byte ProtoUdp = 17;
    private const byte ProtoSctp = 132;

    /// <summary>The 8-bit hash bucket (0..255) of a frame, as lb_hash folds it: c[0]^c[1]^c[2]^c[3].</summary>
    public static byte Bucket(ReadOnlySpan<byte> frame, HashFragments fragments) => Fold(Compute(frame, fragments));

    public static byte Fold(uint hash) => (byte)(hash ^ (hash >> 8) ^ (hash >> 16) ^ (hash >> 24));

    /// <summary>The 32-bit hash of the selected header fields (XOR of the fields, as teamd's BPF programs do).</summary>
    public static uint Compute(ReadOnlySpan<byte> frame, HashFragments fragments)
    {
        if (frame.Length < 14)
        {
            return 0;
        }
        uint hash = 0;
        if (!Link(frame, fragments, ref hash, out ushort etherType, out int offset))
        {
            return hash;
        }
        if (!Network(frame, fragments, etherType, offset, ref hash, out byte protocol, out int l4Offset))
        {
            return hash;
        }
        HashFragments wanted = protocol switch
        {
            ProtoTcp => HashFragments.Tcp,
            ProtoUdp => HashFragments.Udp,
            ProtoSctp => HashFragments.Sctp,
            _ => HashFragments.None,
        };
        if ((fragments & wanted) != 0 && frame.Length >= l4Offset + 4)
        {
            // Source and destination port, the first 4 bytes of TCP, UDP and SCTP headers.
            hash ^= BinaryPrimitives.ReadUInt32BigEndian(frame[l4Offset..]);
        }
        return hash;
    }

    /// <summary>L2: the MACs, then up to two VLAN tags; false when a tag is truncated.</summary>
    private static bool Link(ReadOnlySpan<byte> frame, HashFragments fragments, ref uint hash, out ushort etherType, out int offset)
    {
        if ((fragments & HashFragments.Eth) != 0)
        {
            // Destination and source MAC: words over bytes 0..3, 4..7 and 8..11.
            hash ^= BinaryPrimitives.ReadUInt32BigEndian(frame);
            hash ^= BinaryPrimitives.ReadUInt32BigEndian(frame[4..]);
            hash ^= BinaryPrimitives.ReadUInt32BigEndian(frame[8..]);
        }
        etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        offset = 14;
        for (int tags = 0; (etherType == EtherTypeVlan || etherType == EtherTypeQinQ) && tags < 2; tags++)
        {
            if (frame.Length < offset + 4)
            {
                return false;
            }
            if ((fragments & HashFragments.Vlan) != 0)
            {
                hash ^= (uint)(BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]) & 0x0FFF);
            }
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]);
            offset += 4;
        }
        return true;
    }

    /// <summary>L3: IPv4 or IPv6 addresses; false when there is no L4 header to hash (other protocols, truncation, later fragments).</summary>
    private static bool Network(ReadOnlySpan<byte> frame, HashFragments fragments, ushort etherType, int offset, ref uint hash, out byte protocol, out int l4Offset)
    {
        protocol = 0;
        l4Offset = 0;
        if (etherType == EtherTypeIpv4)
        {
            if (frame.Length < offset + 20)
            {
                return false;
            }
            ReadOnlySpan<byte> ip = frame[offset..];
            if ((fragments & HashFragments.Ipv4) != 0)
            {
                hash ^= BinaryPrimitives.ReadUInt32BigEndian(ip[12..]);
                hash ^= BinaryPrimitives.ReadUInt32BigEndian(ip[16..]);
            }
            protocol = ip[9];
            l4Offset = offset + ((ip[0] & 0x0F) * 4);
            // Later fragments carry no L4 header: hash them by addresses only.
            return (BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1FFF) == 0;
        }
        if (etherType != EtherTypeIpv6 || frame.Length < offset + 40)
        {
            return false;
        }
        ReadOnlySpan<byte> ip6 = frame[offset..];
        if ((fragments & HashFragments.Ipv6) != 0)
        {
            for (int i = 8; i < 40; i += 4)
            {
                hash ^= BinaryPrimitives.ReadUInt32BigEndian(ip6[i..]);
            }
        }
        protocol = ip6[6];
        l4Offset = offset + 40;
        return true;
    }
}
