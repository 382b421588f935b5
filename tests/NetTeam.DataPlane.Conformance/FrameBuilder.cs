using System.Buffers.Binary;

namespace NetTeam.DataPlane.Conformance;

/// <summary>Builds Ethernet frames with up to several VLAN tags, IPv4 (with options and fragments) and IPv6 (with extension headers).</summary>
public static class FrameBuilder
{
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte Sctp = 132;

    public static byte[] Mac(byte last, byte first = 0x02) => [first, 0x00, 0x5e, 0x10, 0x20, last];

    /// <summary>dst, src, each tag (TPID, TCI), the EtherType, the payload.</summary>
    public static byte[] Ethernet(byte[] dst, byte[] src, ushort etherType, ReadOnlySpan<byte> payload, params (ushort Tpid, ushort Tci)[] tags)
    {
        byte[] frame = new byte[14 + (4 * tags.Length) + payload.Length];
        dst.CopyTo(frame, 0);
        src.CopyTo(frame, 6);
        int offset = 12;
        foreach ((ushort tpid, ushort tci) in tags)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), tpid);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset + 2), tci);
            offset += 4;
        }
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), etherType);
        payload.CopyTo(frame.AsSpan(offset + 2));
        return frame;
    }

    /// <summary>An IPv4 header (checksum left 0: no data plane checks it) with <paramref name="optionWords"/> words of options.</summary>
    public static byte[] Ipv4(byte protocol, uint source, uint destination, ReadOnlySpan<byte> payload, ushort fragment = 0, int optionWords = 0)
    {
        int header = 20 + (4 * optionWords);
        byte[] ip = new byte[header + payload.Length];
        ip[0] = (byte)(0x40 | (header / 4));
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), 0x1234);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(6), fragment);
        ip[8] = 64;
        ip[9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip.AsSpan(12), source);
        BinaryPrimitives.WriteUInt32BigEndian(ip.AsSpan(16), destination);
        for (int i = 20; i < header; i++)
        {
            ip[i] = 0x01; // NOP options
        }
        payload.CopyTo(ip.AsSpan(header));
        return ip;
    }

    /// <summary>An IPv6 header; addresses are fd00::/8 built from the seeds.</summary>
    public static byte[] Ipv6(byte nextHeader, byte sourceSeed, byte destinationSeed, ReadOnlySpan<byte> payload)
    {
        byte[] ip = new byte[40 + payload.Length];
        ip[0] = 0x60;
        ip[1] = 0x0a;
        ip[3] = 0x5c;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)payload.Length);
        ip[6] = nextHeader;
        ip[7] = 64;
        for (int i = 0; i < 16; i++)
        {
            ip[8 + i] = i == 0 ? (byte)0xfd : (byte)(sourceSeed * (i + 3));
            ip[24 + i] = i == 0 ? (byte)0xfd : (byte)(destinationSeed * (i + 7));
        }
        payload.CopyTo(ip.AsSpan(40));
        return ip;
    }

    /// <summary>An L4 header of <paramref name="length"/> bytes starting with source and destination port (TCP 20, UDP 8, SCTP 12).</summary>
    public static byte[] L4(ushort source, ushort destination, int length, int payload = 6)
    {
        byte[] l4 = new byte[length + payload];
        BinaryPrimitives.WriteUInt16BigEndian(l4, source);
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(2), destination);
        for (int i = 4; i < l4.Length; i++)
        {
            l4[i] = (byte)(i * 13);
        }
        return l4;
    }

    /// <summary>An IPv6 extension header (hop-by-hop, routing, destination options: 8 bytes) in front of <paramref name="payload"/>.</summary>
    public static byte[] Extension(byte nextHeader, ReadOnlySpan<byte> payload)
    {
        byte[] ext = new byte[8 + payload.Length];
        ext[0] = nextHeader;
        ext[2] = 0x01; // PadN
        ext[3] = 0x04;
        payload.CopyTo(ext.AsSpan(8));
        return ext;
    }
}
