using System.Buffers.Binary;
using NetTeam.Interop;

namespace NetTeam.Runners.Host;

/// <summary>
/// Which control frames a channel receives: one EtherType, or one ICMPv6 type, untagged or on one VLAN.
/// On Linux it becomes a socket filter; in-memory channels use <see cref="Matches"/>.
/// </summary>
public sealed record FrameSelector
{
    private FrameSelector(ushort etherType, byte? icmpv6Type, ushort? vlanId)
    {
        EtherType = etherType;
        Icmpv6Type = icmpv6Type;
        VlanId = vlanId;
    }

    public ushort EtherType { get; }

    public byte? Icmpv6Type { get; }

    public ushort? VlanId { get; }

    /// <summary>Slow protocols (LACP and Marker, IEEE 802.3 Annex 43B): EtherType 0x8809.</summary>
    public static FrameSelector SlowProtocols { get; } = new(0x8809, null, null);

    public static FrameSelector Arp(ushort? vlanId = null) => new(0x0806, null, vlanId);

    /// <summary>ICMPv6 Neighbor Advertisements (RFC 4861 §4.4, type 136).</summary>
    public static FrameSelector NeighborAdvertisement(ushort? vlanId = null) => new(0x86dd, 136, vlanId);

    public SocketFilter ToSocketFilter() => Icmpv6Type is byte t ? SocketFilter.Icmpv6(t, VlanId) : SocketFilter.EtherType(EtherType, VlanId);

    /// <summary>The same test as the socket filter, for frames as a packet socket shows them (outer tag removed).</summary>
    public bool Matches(ReadOnlySpan<byte> frame, ushort? vlanId)
    {
        if (vlanId != VlanId || frame.Length < 14 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherType)
        {
            return false;
        }
        return Icmpv6Type is not byte type || (frame.Length > 54 && frame[20] == 58 && frame[54] == type);
    }
}
