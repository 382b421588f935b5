using System.Buffers.Binary;

namespace NetTeam.Interop.Tests;

/// <summary>Filtered control-frame sockets (SO_ATTACH_FILTER, PACKET_AUXDATA) on a veth pair of their own.</summary>
public sealed class ControlSocketTests : IClassFixture<NamespaceFixture>
{
    private readonly NamespaceFixture _ns;

    public ControlSocketTests(NamespaceFixture ns) => _ns = ns;

    private static byte[] Ethernet(ushort etherType, byte marker, ushort? vlan = null, int length = 60)
    {
        byte[] f = new byte[length + (vlan is null ? 0 : 4)];
        f.AsSpan(0, 6).Fill(0xff);
        new byte[] { 0x02, 0, 0, 0, 0, marker }.CopyTo(f, 6);
        int at = 12;
        if (vlan is ushort vid)
        {
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), 0x8100);
            // Priority 5 in the TCI: the filter must compare the VID bits only.
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(14), (ushort)((5 << 13) | vid));
            at = 16;
        }
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(at), etherType);
        f[at + 2] = marker;
        return f;
    }

    private static byte[] NeighborMessage(byte icmpType, byte marker)
    {
        byte[] f = Ethernet(0x86dd, marker, length: 14 + 40 + 32);
        f[14] = 0x60;
        f[14 + 6] = 58;
        f[14 + 40] = icmpType;
        f[14 + 41] = marker;
        return f;
    }

    /// <summary>Every frame queued on the socket within a short, bounded wait: (marker, vlan).</summary>
    private static List<(byte Marker, ushort? Vlan)> Drain(FileDescriptorHandle s, int expect)
    {
        List<(byte, ushort?)> got = [];
        byte[] buffer = new byte[2048];
        DateTime end = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < end)
        {
            int n = PacketSocket.Receive(s, buffer, out ushort? vlan, out bool truncated, out Errno err);
            if (n < 0)
            {
                Assert.Equal(Errno.EAGAIN, err);
                if (got.Count >= expect)
                {
                    Thread.Sleep(50);
                    if (PacketSocket.Receive(s, buffer, out _, out _, out _) < 0)
                    {
                        break;
                    }
                }
                Thread.Sleep(5);
                continue;
            }
            Assert.False(truncated);
            // The marker sits right after the EtherType (the outer tag was taken off by the kernel).
            byte marker = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(12)) == 0x86dd ? buffer[14 + 41] : buffer[14];
            got.Add((marker, vlan));
        }
        return got;
    }

    [Fact]
    public void FiltersKeepOnlyTheirEtherTypeAndVlanAndReportTheTag()
    {
        int va = _ns.Run(() => Interfaces.NameToIndex("va"));
        int vb = _ns.Run(() => Interfaces.NameToIndex("vb"));
        FileDescriptorHandle Open(SocketFilter f) => _ns.Run(() =>
        {
            Assert.True(PacketSocket.OpenFiltered(vb, f, out FileDescriptorHandle? h).IsSuccess);
            return h!;
        });
        using FileDescriptorHandle arp = Open(SocketFilter.EtherType(0x0806));
        using FileDescriptorHandle arpVlan7 = Open(SocketFilter.EtherType(0x0806, 7));
        using FileDescriptorHandle na = Open(SocketFilter.Icmpv6([136]));
        using FileDescriptorHandle nd = Open(SocketFilter.Icmpv6([135, 136]));
        using FileDescriptorHandle sender = _ns.Run(() =>
        {
            Assert.True(PacketSocket.Open(va, PacketSocket.AllProtocols, nonBlocking: false, out FileDescriptorHandle? h).IsSuccess);
            return h!;
        });

        byte[][] frames =
        [
            Ethernet(0x0800, 1),            // IPv4: nobody
            Ethernet(0x0806, 2),            // ARP: arp
            Ethernet(0x0806, 3, vlan: 7),   // ARP on VLAN 7: arpVlan7
            Ethernet(0x0806, 4, vlan: 8),   // ARP on VLAN 8: nobody
            NeighborMessage(135, 5),        // NS: nd
            NeighborMessage(136, 6),        // NA: na, nd
            NeighborMessage(134, 7),        // RA: nobody
        ];
        foreach (byte[] f in frames)
        {
            Assert.True(PacketSocket.SendTo(sender, va, f).IsSuccess);
        }
        Assert.Equal([(2, null)], Drain(arp, 1));
        Assert.Equal([(3, (ushort?)7)], Drain(arpVlan7, 1));
        Assert.Equal([(6, null)], Drain(na, 1));
        Assert.Equal([(5, null), (6, null)], Drain(nd, 2));

        // A socket never sees what it sent itself (PACKET_IGNORE_OUTGOING), filter or not.
        Assert.True(PacketSocket.SendTo(arp, vb, Ethernet(0x0806, 9)).IsSuccess);
        Assert.Empty(Drain(arp, 0));
    }

    [Fact]
    public void AnOversizeFrameIsReportedTruncated()
    {
        int va = _ns.Run(() => Interfaces.NameToIndex("va"));
        int vb = _ns.Run(() => Interfaces.NameToIndex("vb"));
        using FileDescriptorHandle rx = _ns.Run(() =>
        {
            Assert.True(PacketSocket.OpenFiltered(vb, SocketFilter.EtherType(0x88b6), out FileDescriptorHandle? h).IsSuccess);
            return h!;
        });
        using FileDescriptorHandle tx = _ns.Run(() =>
        {
            Assert.True(PacketSocket.Open(va, PacketSocket.AllProtocols, nonBlocking: false, out FileDescriptorHandle? h).IsSuccess);
            return h!;
        });
        Assert.True(PacketSocket.SendTo(tx, va, Ethernet(0x88b6, 1, length: 1000)).IsSuccess);
        byte[] small = new byte[100];
        int n = -1;
        bool truncated = false;
        for (int i = 0; i < 200 && n < 0; i++)
        {
            n = PacketSocket.Receive(rx, small, out _, out truncated, out _);
            if (n < 0)
            {
                Thread.Sleep(10);
            }
        }
        Assert.Equal(100, n);
        Assert.True(truncated);
    }
}
