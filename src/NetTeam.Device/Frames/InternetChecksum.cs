using System.Buffers.Binary;

namespace NetTeam.Device.Frames;

/// <summary>The Internet checksum (RFC 1071), and ICMPv6's over the IPv6 pseudo-header (RFC 8200 §8.1).</summary>
public static class InternetChecksum
{
    public static ushort Compute(ReadOnlySpan<byte> data) => Fold(Sum(data, 0));

    /// <summary>Checksum of an upper-layer message carried in IPv6 from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static ushort Ipv6(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte nextHeader, ReadOnlySpan<byte> message)
    {
        ulong sum = Sum(source, 0);
        sum = Sum(destination, sum);
        sum += (uint)message.Length;
        sum += nextHeader;
        return Fold(Sum(message, sum));
    }

    private static ulong Sum(ReadOnlySpan<byte> data, ulong sum)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }
        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }
        return sum;
    }

    private static ushort Fold(ulong sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
