using System.Buffers.Binary;

namespace NetTeam.Runners.Tests.Lacp;

/// <summary>Reads the frames of a classic libpcap file (either byte order) or of a pcapng file.</summary>
internal static class Pcap
{
    public static List<byte[]> Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        if (magic == 0x0a0d0d0a)
        {
            return ReadNg(file, path);
        }
        bool little = magic is 0xa1b2c3d4 or 0xa1b23c4d;
        Assert.True(little || magic is 0xd4c3b2a1 or 0x4d3cb2a1, $"{path} is not a pcap file");
        uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
        Assert.Equal(1u, U32(20)); // LINKTYPE_ETHERNET
        List<byte[]> frames = [];
        for (int at = 24; at + 16 <= file.Length;)
        {
            int captured = (int)U32(at + 8);
            frames.Add(file.AsSpan(at + 16, captured).ToArray());
            at += 16 + captured;
        }
        return frames;
    }

    /// <summary>pcapng (little-endian sections): the frames of its Enhanced Packet Blocks.</summary>
    private static List<byte[]> ReadNg(byte[] file, string path)
    {
        Assert.Equal(0x1a2b3c4du, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8)));
        List<byte[]> frames = [];
        for (int at = 0; at + 12 <= file.Length;)
        {
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at));
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4));
            Assert.True(length >= 12 && at + length <= file.Length, $"{path}: bad block at {at}");
            if (type == 6)
            {
                int captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 20));
                frames.Add(file.AsSpan(at + 28, captured).ToArray());
            }
            at += length;
        }
        return frames;
    }
}
