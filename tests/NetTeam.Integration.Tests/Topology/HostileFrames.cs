using System.Buffers.Binary;
using System.Net;
using NetTeam.Device.Frames;
using NetTeam.Interop;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>The kinds of hostile frame a <see cref="FrameFlood"/> sends, and what netteamd should make of them.</summary>
internal enum HostileKind
{
    /// <summary>Slow Protocols frames (LACP or Marker subtype) shorter than their fixed layout: illegal, truncated.</summary>
    TruncatedSlow,

    /// <summary>Slow Protocols frames of 125 to 1514 octets (the most a port at MTU 1500 sends untagged): illegal, oversized.</summary>
    OversizedSlow,

    /// <summary>Frames of 1515 to 9000 octets, over the MTU: the sending kernel or the veth drops them before any socket.</summary>
    OverMtu,

    /// <summary>124-octet LACPDUs with version 0, a wrong Actor, Partner or Collector TLV length, a wrong TLV type with it, or a Terminator with a length: illegal, malformed.</summary>
    MalformedLacpdu,

    /// <summary>LACPv2 frames whose TLV chain runs past the frame or has a length under 2: illegal, malformed.</summary>
    BadTlvChain,

    /// <summary>Slow Protocols frames with a subtype that is neither LACP nor Marker: unknown.</summary>
    UnknownSubtype,

    /// <summary>Well-formed LACPDUs sent to the port's unicast MAC, not the Slow Protocols group: illegal, not slow protocols.</summary>
    UnicastLacpdu,

    /// <summary>Valid Marker Information PDUs: answered at most once per 2 s, the rest counted as rate limited.</summary>
    MarkerInformation,

    /// <summary>Marker PDUs with a bad TLV type or length, or version 0: illegal, malformed.</summary>
    BadMarker,

    /// <summary>ARP replies and requests with spoofed senders and targets that no arp_ping may take as its target's answer.</summary>
    SpoofedArp,

    /// <summary>Neighbor advertisements with spoofed sources and targets (and routed or mis-summed ones) that no nsna_ping may take as an answer.</summary>
    SpoofedNa,

    /// <summary>LACPDUs, Marker PDUs, ARP replies and NAs under two VLAN tags (802.1ad outer, 802.1Q inner).</summary>
    QinQ,

    /// <summary>The same under one 802.1Q tag: the channels' filters take untagged frames only.</summary>
    SingleTagged,
}

/// <summary>
/// Builds hostile frames of each <see cref="HostileKind"/> towards one port, from a seeded random source, by
/// hand (802.1AX-2014 6.4.2.3 LACPDU and 6.5.3.3 Marker layouts; RFC 826; RFC 4861 §4.4), independent of
/// NetTeam's own codecs so that their checks are what is tested.
/// </summary>
internal sealed class HostileFrames(Random random, MacAddress portMac, IPAddress teamIp, IPAddress deadIp, IPAddress deadIp6)
{
    private static readonly byte[] s_slowGroup = [0x01, 0x80, 0xc2, 0x00, 0x00, 0x02];

    public byte[] Build(HostileKind kind) => kind switch
    {
        HostileKind.TruncatedSlow => Slow(random.Next(15, 124), random.Next(2) == 0 ? (byte)1 : (byte)2),
        HostileKind.OversizedSlow => Lacpdu(random.Next(125, 1515), version: 1),
        HostileKind.OverMtu => Lacpdu(random.Next(1515, 9001), version: 1),
        HostileKind.MalformedLacpdu => MalformedLacpdu(),
        HostileKind.BadTlvChain => BadTlvChain(),
        HostileKind.UnknownSubtype => Slow(124, (byte)random.Next(3, 256)),
        HostileKind.UnicastLacpdu => WithDestination(Lacpdu(124, 1), portMac),
        HostileKind.MarkerInformation => Marker(0x01, 0x10, 1),
        HostileKind.BadMarker => random.Next(3) switch
        {
            0 => Marker((byte)random.Next(3, 256), 0x10, 1),
            1 => Marker(0x01, (byte)random.Next(0, 0x10), 1),
            _ => Marker(0x01, 0x10, 0),
        },
        HostileKind.SpoofedArp => SpoofedArp(),
        HostileKind.SpoofedNa => SpoofedNa(),
        HostileKind.QinQ => Tagged(Build(Untagged()), [0x88a8, 0x8100]),
        HostileKind.SingleTagged => Tagged(Build(Untagged()), [0x8100]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private HostileKind Untagged() => random.Next(4) switch
    {
        0 => HostileKind.MalformedLacpdu,
        1 => HostileKind.MarkerInformation,
        2 => HostileKind.SpoofedArp,
        _ => HostileKind.SpoofedNa,
    };

    private MacAddress Stranger()
    {
        byte[] mac = new byte[6];
        random.NextBytes(mac);
        mac[0] = (byte)((mac[0] & 0xfe) | 0x02); // unicast, locally administered
        return new MacAddress(mac);
    }

    /// <summary>A Slow Protocols frame of <paramref name="length"/> octets with random content after the subtype.</summary>
    private byte[] Slow(int length, byte subtype)
    {
        byte[] f = new byte[length];
        random.NextBytes(f);
        s_slowGroup.CopyTo(f, 0);
        Stranger().CopyTo(f.AsSpan(6));
        f[12] = 0x88;
        f[13] = 0x09;
        f[14] = subtype;
        return f;
    }

    /// <summary>A LACPDU with every length right for version 1 (random actor and partner values), <paramref name="length"/> octets long.</summary>
    private byte[] Lacpdu(int length, byte version)
    {
        byte[] f = Slow(length, 1);
        f[15] = version;
        f[16] = 0x01;
        f[17] = 0x14;
        f[36] = 0x02;
        f[37] = 0x14;
        f[56] = 0x03;
        f[57] = 0x10;
        f.AsSpan(72, Math.Min(length, 124) - 72).Clear();
        return f;
    }

    private byte[] MalformedLacpdu()
    {
        byte[] f = Lacpdu(124, 1);
        switch (random.Next(5))
        {
            case 0:
                f[15] = 0;
                break;
            case 1:
                f[17] = (byte)(0x14 + random.Next(1, 200));
                f[16] = (byte)random.Next(256); // a wrong type rides along; alone it is not checked (6.4.2.3)
                break;
            case 2:
                f[37] = (byte)random.Next(0, 0x14);
                break;
            case 3:
                f[57] = (byte)(0x10 + random.Next(1, 100));
                break;
            default:
                f[73] = (byte)random.Next(1, 256);
                break;
        }
        return f;
    }

    private byte[] BadTlvChain()
    {
        int length = random.Next(124, 1519);
        byte[] f = Lacpdu(length, (byte)random.Next(2, 256));
        // From the Terminator's place on, TLVs that never end: a length under 2, or one that runs past the frame.
        f[72] = (byte)random.Next(1, 256);
        f[73] = random.Next(2) == 0 ? (byte)random.Next(0, 2) : (byte)Math.Min(255, length - 72 + random.Next(1, 50));
        if (f[73] >= 2 && 72 + f[73] <= length)
        {
            f[73] = 1;
        }
        return f;
    }

    private byte[] Marker(byte tlvType, byte tlvLength, byte version)
    {
        byte[] f = Slow(124, 2);
        f[15] = version;
        f[16] = tlvType;
        f[17] = tlvLength;
        f.AsSpan(34).Clear();
        return f;
    }

    private static byte[] WithDestination(byte[] f, MacAddress destination)
    {
        destination.CopyTo(f.AsSpan(0));
        return f;
    }

    private IPAddress RandomIp() => new IPAddress([10, 213, (byte)random.Next(100, 200), (byte)random.Next(1, 255)]);

    private byte[] SpoofedArp()
    {
        // None of these is the dead target speaking to our source, nor our source asking for it (our own probe
        // seen on another port): with validation those two alone count as its answer.
        (IPAddress sender, IPAddress target) = random.Next(4) switch
        {
            0 => (deadIp, RandomIp()),
            1 => (RandomIp(), teamIp),
            2 => (RandomIp(), deadIp),
            _ => (deadIp, deadIp),
        };
        ushort op = random.Next(2) == 0 ? ArpPacket.Reply : ArpPacket.Request;
        MacAddress to = random.Next(2) == 0 ? portMac : EthernetHeader.Broadcast;
        return new ArpPacket(op, Stranger(), sender, portMac, target).ToFrame(to);
    }

    private IPAddress RandomIp6()
    {
        byte[] a = IPAddress.Parse("fd00:213::").GetAddressBytes();
        a[14] = (byte)random.Next(1, 255);
        a[15] = (byte)random.Next(100, 255);
        return new IPAddress(a);
    }

    private byte[] SpoofedNa()
    {
        int variant = random.Next(4);
        (IPAddress source, IPAddress target) = variant switch
        {
            0 => (deadIp6, RandomIp6()),
            1 => (RandomIp6(), deadIp6),
            _ => (deadIp6, deadIp6),
        };
        byte[] f = NeighborDiscovery.BuildUnsolicitedAdvertisement(Stranger(), source);
        Span<byte> ip = f.AsSpan(14);
        Span<byte> icmp = ip[40..];
        target.TryWriteBytes(icmp[8..], out _);
        if (variant == 2)
        {
            ip[7] = 254; // routed: not from the link (RFC 4861 §7.1.2)
        }
        icmp[2] = 0;
        icmp[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Ipv6(ip[8..24], ip[24..40], 58, icmp));
        if (variant == 3)
        {
            icmp[2] ^= 0x5a; // a checksum that does not add up
        }
        return f;
    }

    private byte[] Tagged(byte[] inner, ushort[] tpids)
    {
        byte[] f = new byte[inner.Length + 4 * tpids.Length];
        inner.AsSpan(0, 12).CopyTo(f);
        for (int i = 0; i < tpids.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12 + 4 * i), tpids[i]);
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(14 + 4 * i), (ushort)random.Next(1, 4095));
        }
        inner.AsSpan(12).CopyTo(f.AsSpan(12 + 4 * tpids.Length));
        return f;
    }
}
