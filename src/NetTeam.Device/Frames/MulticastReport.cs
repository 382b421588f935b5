using System.Buffers.Binary;
using System.Net;
using NetTeam.Interop;

namespace NetTeam.Device.Frames;

/// <summary>
/// The membership reports of mcast_rejoin: an IGMPv3 report (RFC 3376 §4.2) and an MLDv2 report (RFC 3810
/// §5.2) listing every group the team has joined as MODE_IS_EXCLUDE with no sources, which is what a host
/// answers a general query with for any-source joins (the kernel's ip_mc_rejoin_groups / mld_send_report).
/// </summary>
public static class MulticastReport
{
    private const byte ModeIsExclude = 2;

    public static byte[] BuildIgmpv3(MacAddress mac, IPAddress source, IReadOnlyList<IPAddress> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        const int ipHeader = 24; // 20 + Router Alert option (RFC 2113), as IGMPv3 requires
        int igmpLength = 8 + (8 * groups.Count);
        byte[] destination = [224, 0, 0, 22];
        byte[] frame = new byte[EthernetHeader.Length + ipHeader + igmpLength];
        int at = EthernetHeader.Write(frame, EthernetHeader.Ipv4Multicast(destination), mac, EthernetHeader.Ipv4);
        Span<byte> ip = frame.AsSpan(at);
        ip[0] = 0x46;
        ip[1] = 0xc0; // internetwork control, as Linux sends IGMP
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(ipHeader + igmpLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // don't fragment
        ip[8] = 1;  // TTL 1
        ip[9] = 2;  // IGMP
        source.TryWriteBytes(ip[12..], out _);
        destination.CopyTo(ip[16..]);
        ip[20] = 0x94; // Router Alert, length 4, value 0
        ip[21] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Compute(ip[..ipHeader]));
        Span<byte> igmp = ip[ipHeader..];
        igmp[0] = 0x22; // Version 3 Membership Report
        BinaryPrimitives.WriteUInt16BigEndian(igmp[6..], (ushort)groups.Count);
        for (int i = 0; i < groups.Count; i++)
        {
            Span<byte> record = igmp[(8 + (8 * i))..];
            record[0] = ModeIsExclude;
            groups[i].TryWriteBytes(record[4..], out _);
        }
        BinaryPrimitives.WriteUInt16BigEndian(igmp[2..], InternetChecksum.Compute(igmp[..igmpLength]));
        return frame;
    }

    public static byte[] BuildMldv2(MacAddress mac, IPAddress source, IReadOnlyList<IPAddress> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        const int hopByHop = 8;
        int mldLength = 8 + (20 * groups.Count);
        IPAddress destination = IPAddress.Parse("ff02::16");
        byte[] frame = new byte[EthernetHeader.Length + 40 + hopByHop + mldLength];
        int at = EthernetHeader.Write(frame, EthernetHeader.Ipv6Multicast(destination.GetAddressBytes()), mac, EthernetHeader.Ipv6);
        Span<byte> ip = frame.AsSpan(at);
        ip[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(hopByHop + mldLength));
        ip[6] = 0;  // hop-by-hop options follow
        ip[7] = 1;  // hop limit 1 (RFC 3810 §5)
        source.TryWriteBytes(ip[8..], out _);
        destination.TryWriteBytes(ip[24..], out _);
        Span<byte> hbh = ip[40..];
        hbh[0] = 58;   // ICMPv6 next
        hbh[1] = 0;    // 8 bytes
        hbh[2] = 5;    // Router Alert (RFC 2711), MLD
        hbh[3] = 2;
        hbh[6] = 1;    // PadN, 0 bytes
        hbh[7] = 0;
        Span<byte> mld = hbh[hopByHop..];
        mld[0] = 143; // Version 2 Multicast Listener Report
        BinaryPrimitives.WriteUInt16BigEndian(mld[6..], (ushort)groups.Count);
        for (int i = 0; i < groups.Count; i++)
        {
            Span<byte> record = mld[(8 + (20 * i))..];
            record[0] = ModeIsExclude;
            groups[i].TryWriteBytes(record[4..], out _);
        }
        BinaryPrimitives.WriteUInt16BigEndian(mld[2..], InternetChecksum.Ipv6(ip[8..24], ip[24..40], 58, mld[..mldLength]));
        return frame;
    }
}
