using System.Buffers.Binary;

namespace NetTeam.Device.Tests;

/// <summary>Builds test frames byte by byte.</summary>
internal static class Frames
{
    public static byte[] Udp4(uint src, uint dst, ushort sport, ushort dport, byte[]? dmac = null, byte[]? smac = null, ushort? vlan = null, byte protocol = 17)
    {
        int l2 = vlan is null ? 14 : 18;
        byte[] f = new byte[l2 + 20 + 8];
        (dmac ?? [0x02, 0, 0, 0, 0, 0x02]).CopyTo(f, 0);
        (smac ?? [0x02, 0, 0, 0, 0, 0x01]).CopyTo(f, 6);
        int o = 12;
        if (vlan is ushort v)
        {
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(o), 0x8100);
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(o + 2), v);
            o += 4;
        }
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(o), 0x0800);
        o += 2;
        f[o] = 0x45;
        f[o + 9] = protocol;
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(o + 12), src);
        BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(o + 16), dst);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(o + 20), sport);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(o + 22), dport);
        return f;
    }

    public static byte[] Tcp6(byte[] src, byte[] dst, ushort sport, ushort dport)
    {
        byte[] f = new byte[14 + 40 + 20];
        new byte[] { 0x33, 0x33, 0, 0, 0, 1 }.CopyTo(f, 0);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), 0x86DD);
        f[14] = 0x60;
        f[14 + 6] = 6;
        src.CopyTo(f, 14 + 8);
        dst.CopyTo(f, 14 + 24);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(54), sport);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(56), dport);
        return f;
    }
}
