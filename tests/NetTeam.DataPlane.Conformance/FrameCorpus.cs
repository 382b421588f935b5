using static NetTeam.DataPlane.Conformance.FrameBuilder;

namespace NetTeam.DataPlane.Conformance;

/// <summary>
/// The frames the conformance table runs: every hash fragment's headers (IPv4, IPv6, TCP, UDP, SCTP),
/// IPv4 options and fragments, one, two and three VLAN tags (802.1Q and 802.1ad), IPv6 extension headers,
/// LACPDUs and other control frames, multicast and broadcast destinations; every truncation of the richest
/// frames (each header boundary and every byte between); and runts under 14 bytes.
/// </summary>
public static class FrameCorpus
{
    private const ushort Ipv4Type = 0x0800;
    private const ushort Ipv6Type = 0x86dd;
    private const ushort Vlan = 0x8100;
    private const ushort QinQ = 0x88a8;
    private const ushort SlowProtocols = 0x8809;

    private static readonly byte[] s_src = Mac(0x01);
    private static readonly byte[] s_dst = Mac(0x02, 0x04);
    private static readonly byte[] s_slowDst = [0x01, 0x80, 0xc2, 0x00, 0x00, 0x02];

    /// <summary>Whole frames, one per case the hash and the receive checks distinguish.</summary>
    public static IReadOnlyList<NamedFrame> Base { get; } = BuildBase();

    /// <summary>Every prefix (14 bytes up) of the frames whose headers go deepest.</summary>
    public static IReadOnlyList<NamedFrame> Truncations { get; } = BuildTruncations();

    /// <summary>Frames shorter than an Ethernet header (0-13 bytes).</summary>
    public static IReadOnlyList<NamedFrame> Runts { get; } = [.. Enumerable.Range(0, 14).Select(n => new NamedFrame($"runt {n}", Base[0].Bytes[..n]))];

    /// <summary>Frames for the receive side: control frames near the slow-protocols check, multicast, broadcast.</summary>
    public static IReadOnlyList<NamedFrame> Receive { get; } = BuildReceive();

    public static IEnumerable<NamedFrame> All => Base.Concat(Truncations).Concat(Runts);

    private static byte[] V4(byte protocol, int seed, int l4Length, ushort fragment = 0, int options = 0) =>
        Ipv4(protocol, 0x0a000001u + (uint)seed, 0xc0a80000u + (uint)(seed * 7), L4((ushort)(1000 + seed), (ushort)(80 + seed), l4Length), fragment, options);

    private static byte[] V6(byte protocol, int seed, int l4Length) => Ipv6(protocol, (byte)seed, (byte)(seed + 50), L4((ushort)(2000 + seed), (ushort)(443 + seed), l4Length));

    private static NamedFrame Eth(string name, ushort type, byte[] payload, params (ushort, ushort)[] tags) => new(name, Ethernet(s_dst, s_src, type, payload, tags));

    private static List<NamedFrame> BuildBase() =>
    [
        Eth("ipv4 tcp", Ipv4Type, V4(Tcp, 1, 20)),
        Eth("ipv4 udp", Ipv4Type, V4(Udp, 2, 8)),
        Eth("ipv4 sctp", Ipv4Type, V4(Sctp, 3, 12)),
        Eth("ipv4 icmp", Ipv4Type, V4(1, 4, 8)),
        Eth("ipv4 options tcp", Ipv4Type, V4(Tcp, 5, 20, options: 3)),
        Eth("ipv4 first fragment udp", Ipv4Type, V4(Udp, 6, 8, fragment: 0x2000)),
        Eth("ipv4 later fragment udp", Ipv4Type, V4(Udp, 7, 8, fragment: 0x2000 | 185)),
        Eth("ipv4 last fragment tcp", Ipv4Type, V4(Tcp, 8, 20, fragment: 370)),
        Eth("ipv4 don't-fragment tcp", Ipv4Type, V4(Tcp, 9, 20, fragment: 0x4000)),
        Eth("ipv6 tcp", Ipv6Type, V6(Tcp, 10, 20)),
        Eth("ipv6 udp", Ipv6Type, V6(Udp, 11, 8)),
        Eth("ipv6 sctp", Ipv6Type, V6(Sctp, 12, 12)),
        Eth("ipv6 icmpv6", Ipv6Type, V6(58, 13, 8)),
        Eth("ipv6 hop-by-hop then udp", Ipv6Type, Ipv6(0, 14, 64, Extension(Udp, L4(3000, 53, 8)))),
        Eth("ipv6 fragment header", Ipv6Type, Ipv6(44, 15, 65, Extension(Tcp, L4(3001, 22, 20)))),
        Eth("vlan ipv4 tcp", Ipv4Type, V4(Tcp, 16, 20), (Vlan, 0x0064)),
        Eth("vlan ipv6 udp", Ipv6Type, V6(Udp, 17, 8), (Vlan, 0xe0c8)),
        Eth("qinq ipv4 udp", Ipv4Type, V4(Udp, 18, 8), (QinQ, 0x0123), (Vlan, 0x0456)),
        Eth("two 802.1q tags ipv6 tcp", Ipv6Type, V6(Tcp, 19, 20), (Vlan, 0x0fff), (Vlan, 0x0001)),
        Eth("three tags ipv4 tcp", Ipv4Type, V4(Tcp, 20, 20), (QinQ, 0x0010), (Vlan, 0x0020), (Vlan, 0x0030)),
        Eth("vlan arp", 0x0806, new byte[28], (Vlan, 0x0007)),
        Eth("arp", 0x0806, new byte[28]),
        Eth("lldp", 0x88cc, new byte[30]),
        new("lacpdu", Ethernet(s_slowDst, s_src, SlowProtocols, Lacpdu())),
        new("broadcast ipv4 udp", Ethernet([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], s_src, Ipv4Type, V4(Udp, 21, 8))),
        new("multicast ipv6 udp", Ethernet([0x33, 0x33, 0x00, 0x00, 0x00, 0xfb], s_src, Ipv6Type, V6(Udp, 22, 8))),
        Eth("ipv4 tcp, other ports", Ipv4Type, Ipv4(Tcp, 0x0a000001, 0xc0a80007, L4(40000, 8080, 20))),
    ];

    private static List<NamedFrame> BuildTruncations()
    {
        string[] deepest = ["ipv4 options tcp", "two 802.1q tags ipv6 tcp", "qinq ipv4 udp", "ipv6 sctp", "vlan ipv4 tcp", "ipv4 later fragment udp"];
        List<NamedFrame> frames = [];
        foreach (string name in deepest)
        {
            byte[] whole = Base.Single(f => f.Name == name).Bytes;
            for (int n = 14; n < whole.Length; n++)
            {
                frames.Add(new NamedFrame($"{name} cut at {n}", whole[..n]));
            }
        }
        return frames;
    }

    private static List<NamedFrame> BuildReceive()
    {
        byte[] marker = Lacpdu();
        marker[0] = 0x02; // Marker protocol: also slow protocols to the same address
        byte[] other = [.. s_slowDst];
        other[5] = 0x03; // 802.1X's address: not a LACPDU destination
        return
        [
            new("lacpdu", Ethernet(s_slowDst, s_src, SlowProtocols, Lacpdu())),
            new("marker", Ethernet(s_slowDst, s_src, SlowProtocols, marker)),
            new("slow protocols, header only", Ethernet(s_slowDst, s_src, SlowProtocols, [])),
            new("slow protocols to 01:80:c2:00:00:03", Ethernet(other, s_src, SlowProtocols, Lacpdu())),
            new("lacp address, not slow protocols", Ethernet(s_slowDst, s_src, Ipv4Type, V4(Udp, 30, 8))),
            new("vlan-tagged lacpdu", Ethernet(s_slowDst, s_src, SlowProtocols, Lacpdu(), (Vlan, 0x0005))),
            Eth("unicast ipv4 tcp", Ipv4Type, V4(Tcp, 31, 20)),
            new("broadcast arp", Ethernet([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], s_src, 0x0806, new byte[28])),
            new("multicast ipv6", Ethernet([0x33, 0x33, 0x00, 0x00, 0x00, 0x01], s_src, Ipv6Type, V6(58, 32, 8))),
            new("ipv4 multicast", Ethernet([0x01, 0x00, 0x5e, 0x00, 0x00, 0x16], s_src, Ipv4Type, V4(2, 33, 8))),
            new("runt", Base[0].Bytes[..10]),
        ];
    }

    private static byte[] Lacpdu()
    {
        // Subtype 1 (LACP), version 1, then the actor TLV's start; the rest zero to 110 bytes.
        byte[] pdu = new byte[110];
        pdu[0] = 0x01;
        pdu[1] = 0x01;
        pdu[2] = 0x01;
        pdu[3] = 0x14;
        return pdu;
    }
}
