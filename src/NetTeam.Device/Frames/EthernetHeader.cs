using System.Buffers.Binary;
using NetTeam.Interop;

namespace NetTeam.Device.Frames;

/// <summary>Ethernet II headers, optionally with one 802.1Q tag (IEEE 802.1Q §9.6).</summary>
public static class EthernetHeader
{
    public const int Length = 14;
    public const int TaggedLength = 18;
    public const int MinimumFrame = 60;
    public const ushort Arp = 0x0806;
    public const ushort Ipv4 = 0x0800;
    public const ushort Ipv6 = 0x86dd;
    public const ushort Vlan = 0x8100;

    /// <summary>Slow Protocols: LACP and Marker (IEEE 802.3 Annex 57A).</summary>
    public const ushort SlowProtocols = 0x8809;

    public static readonly MacAddress Broadcast = MacAddress.Parse("ff:ff:ff:ff:ff:ff");

    /// <summary>Writes the header; returns where the payload starts.</summary>
    public static int Write(Span<byte> frame, MacAddress destination, MacAddress source, ushort etherType, ushort? vlanId = null)
    {
        destination.CopyTo(frame);
        source.CopyTo(frame[6..]);
        if (vlanId is ushort vid)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame[12..], Vlan);
            BinaryPrimitives.WriteUInt16BigEndian(frame[14..], (ushort)(vid & 0x0fff));
            BinaryPrimitives.WriteUInt16BigEndian(frame[16..], etherType);
            return TaggedLength;
        }
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], etherType);
        return Length;
    }

    /// <summary>The IPv6 multicast MAC for a group (RFC 2464 §7): 33:33 and the group's last 32 bits.</summary>
    public static MacAddress Ipv6Multicast(ReadOnlySpan<byte> group) =>
        new([0x33, 0x33, group[12], group[13], group[14], group[15]]);

    /// <summary>The IPv4 multicast MAC for a group (RFC 1112 §6.4): 01:00:5e and the low 23 bits.</summary>
    public static MacAddress Ipv4Multicast(ReadOnlySpan<byte> group) =>
        new([0x01, 0x00, 0x5e, (byte)(group[1] & 0x7f), group[2], group[3]]);
}
