using System.Buffers.Binary;
using System.Net;
using NetTeam.Interop;

namespace NetTeam.Device.Frames;

/// <summary>
/// IPv6 Neighbor Discovery messages (RFC 4861): the solicitation nsna_ping sends, the advertisement it
/// waits for, and the unsolicited advertisement of peer notification (§7.2.6).
/// </summary>
public static class NeighborDiscovery
{
    public const byte Solicitation = 135;
    public const byte Advertisement = 136;
    private const int Ipv6Header = 40;
    private const byte Icmpv6 = 58;

    /// <summary>ff02::1:ffXX:XXXX for <paramref name="target"/> (RFC 4291 §2.7.1).</summary>
    public static IPAddress SolicitedNode(IPAddress target)
    {
        byte[] t = target.GetAddressBytes();
        return new IPAddress([0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, t[13], t[14], t[15]]);
    }

    /// <summary>
    /// A multicast solicitation for <paramref name="target"/> from <paramref name="source"/> (:: is allowed,
    /// as in duplicate address detection; then no source link-layer option is sent, §4.3).
    /// </summary>
    public static byte[] BuildSolicitation(MacAddress mac, IPAddress source, IPAddress target, ushort? vlanId = null)
    {
        bool withOption = !source.Equals(IPAddress.IPv6Any);
        int icmpLength = 24 + (withOption ? 8 : 0);
        IPAddress destination = SolicitedNode(target);
        byte[] frame = new byte[EthernetHeader.TaggedLength + Ipv6Header + icmpLength];
        int at = EthernetHeader.Write(frame, EthernetHeader.Ipv6Multicast(destination.GetAddressBytes()), mac, EthernetHeader.Ipv6, vlanId);
        Span<byte> icmp = WriteIpv6(frame.AsSpan(at), source, destination, icmpLength, 255);
        icmp[0] = Solicitation;
        target.TryWriteBytes(icmp[8..], out _);
        if (withOption)
        {
            icmp[24] = 1; // source link-layer address
            icmp[25] = 1;
            mac.CopyTo(icmp[26..]);
        }
        Finish(frame.AsSpan(at), icmp);
        return frame[..(at + Ipv6Header + icmpLength)];
    }

    /// <summary>An unsolicited advertisement of <paramref name="address"/> to all nodes, override set (§7.2.6).</summary>
    public static byte[] BuildUnsolicitedAdvertisement(MacAddress mac, IPAddress address)
    {
        const int icmpLength = 32;
        IPAddress allNodes = IPAddress.Parse("ff02::1");
        byte[] frame = new byte[EthernetHeader.Length + Ipv6Header + icmpLength];
        int at = EthernetHeader.Write(frame, EthernetHeader.Ipv6Multicast(allNodes.GetAddressBytes()), mac, EthernetHeader.Ipv6);
        Span<byte> icmp = WriteIpv6(frame.AsSpan(at), address, allNodes, icmpLength, 255);
        icmp[0] = Advertisement;
        icmp[4] = 0x20; // Override; not Solicited, not Router
        address.TryWriteBytes(icmp[8..], out _);
        icmp[24] = 2; // target link-layer address
        icmp[25] = 1;
        mac.CopyTo(icmp[26..]);
        Finish(frame.AsSpan(at), icmp);
        return frame;
    }

    /// <summary>
    /// Parses an untagged frame as a neighbor advertisement: a complete IPv6 header with hop limit 255 (§7.1.2:
    /// it was not routed), ICMPv6 type 136 code 0 with a valid checksum. Returns its source and target.
    /// </summary>
    public static bool TryParseAdvertisement(ReadOnlySpan<byte> frame, out IPAddress source, out IPAddress target) =>
        TryParse(frame, Advertisement, out source, out target);

    /// <summary>Parses an untagged frame as a neighbor solicitation, with the same checks as an advertisement.</summary>
    public static bool TryParseSolicitation(ReadOnlySpan<byte> frame, out IPAddress source, out IPAddress target) =>
        TryParse(frame, Solicitation, out source, out target);

    /// <summary>As <see cref="TryParseAdvertisement(ReadOnlySpan{byte}, out IPAddress, out IPAddress)"/>, with the addresses as slices of the frame: nothing allocated.</summary>
    public static bool TryReadAdvertisement(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> source, out ReadOnlySpan<byte> target) =>
        TryRead(frame, Advertisement, out source, out target);

    /// <summary>As <see cref="TryParseSolicitation"/>, with the addresses as slices of the frame: nothing allocated.</summary>
    public static bool TryReadSolicitation(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> source, out ReadOnlySpan<byte> target) =>
        TryRead(frame, Solicitation, out source, out target);

    private static bool TryParse(ReadOnlySpan<byte> frame, byte type, out IPAddress source, out IPAddress target)
    {
        source = IPAddress.IPv6None;
        target = IPAddress.IPv6None;
        if (!TryRead(frame, type, out ReadOnlySpan<byte> s, out ReadOnlySpan<byte> t))
        {
            return false;
        }
        source = new IPAddress(s);
        target = new IPAddress(t);
        return true;
    }

    private static bool TryRead(ReadOnlySpan<byte> frame, byte type, out ReadOnlySpan<byte> source, out ReadOnlySpan<byte> target)
    {
        source = default;
        target = default;
        if (frame.Length < EthernetHeader.Length + Ipv6Header + 24 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EthernetHeader.Ipv6)
        {
            return false;
        }
        ReadOnlySpan<byte> ip = frame[EthernetHeader.Length..];
        int payload = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        if ((ip[0] >> 4) != 6 || ip[6] != Icmpv6 || ip[7] != 255 || payload < 24 || Ipv6Header + payload > ip.Length)
        {
            return false;
        }
        ReadOnlySpan<byte> icmp = ip.Slice(Ipv6Header, payload);
        if (icmp[0] != type || icmp[1] != 0 || InternetChecksum.Ipv6(ip[8..24], ip[24..40], Icmpv6, icmp) != 0)
        {
            return false;
        }
        source = ip[8..24];
        target = icmp[8..24];
        return true;
    }

    private static Span<byte> WriteIpv6(Span<byte> ip, IPAddress source, IPAddress destination, int payload, byte hopLimit)
    {
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)payload);
        ip[6] = Icmpv6;
        ip[7] = hopLimit;
        source.TryWriteBytes(ip[8..], out _);
        destination.TryWriteBytes(ip[24..], out _);
        return ip.Slice(Ipv6Header, payload);
    }

    private static void Finish(Span<byte> ip, Span<byte> icmp) =>
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Ipv6(ip[8..24], ip[24..40], Icmpv6, icmp));
}
