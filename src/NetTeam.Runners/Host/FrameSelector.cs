using System.Buffers.Binary;
using NetTeam.Device.Frames;
using NetTeam.Interop;
using Nd = NetTeam.Device.Frames.NeighborDiscovery;

namespace NetTeam.Runners.Host;

/// <summary>
/// Which control frames a channel receives: one EtherType, or some ICMPv6 types, untagged or on one VLAN.
/// On Linux it becomes a socket filter; in-memory channels use <see cref="Matches"/>.
/// </summary>
public sealed record FrameSelector
{
    private FrameSelector(ushort etherType, byte[] icmpv6Types, ushort? vlanId)
    {
        EtherType = etherType;
        Icmpv6Types = icmpv6Types;
        VlanId = vlanId;
    }

    public ushort EtherType { get; }

    /// <summary>For IPv6 selectors, the ICMPv6 message types accepted (empty: every IPv6 frame).</summary>
    public IReadOnlyList<byte> Icmpv6Types { get; }

    public ushort? VlanId { get; }

    /// <summary>Slow protocols (LACP and Marker, IEEE 802.3 Annex 43B): EtherType 0x8809.</summary>
    public static FrameSelector SlowProtocols { get; } = new(EthernetHeader.SlowProtocols, [], null);

    public static FrameSelector Arp(ushort? vlanId = null) => new(EthernetHeader.Arp, [], vlanId);

    /// <summary>ICMPv6 Neighbor Solicitations and Advertisements (RFC 4861 §4.3, §4.4: types 135 and 136).</summary>
    public static FrameSelector NeighborDiscovery(ushort? vlanId = null) => new(EthernetHeader.Ipv6, [Nd.Solicitation, Nd.Advertisement], vlanId);

    public SocketFilter ToSocketFilter() => Icmpv6Types.Count > 0 ? SocketFilter.Icmpv6([.. Icmpv6Types], VlanId) : SocketFilter.EtherType(EtherType, VlanId);

    /// <summary>
    /// The filters of the sockets a Linux channel opens for this selector, which together accept what
    /// <see cref="ToSocketFilter"/> does, each frame once. Slow Protocols get two: well-formed LACPDUs have a
    /// queue of their own, so the partner's keep coming through a flood of other Slow Protocols frames.
    /// </summary>
    public SocketFilter[] ToSocketFilters() => this == SlowProtocols
        ? [SocketFilter.SlowProtocolsSplit(wellFormedLacpdus: true), SocketFilter.SlowProtocolsSplit(wellFormedLacpdus: false)]
        : [ToSocketFilter()];

    /// <summary>The same test as the socket filter, for frames as a packet socket shows them (outer tag removed).</summary>
    public bool Matches(ReadOnlySpan<byte> frame, ushort? vlanId)
    {
        if (vlanId != VlanId || frame.Length < 14 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherType)
        {
            return false;
        }
        return Icmpv6Types.Count == 0 || (frame.Length > 54 && frame[20] == 58 && Icmpv6Types.Contains(frame[54]));
    }
}
