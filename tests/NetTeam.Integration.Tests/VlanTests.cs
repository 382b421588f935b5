using System.Buffers.Binary;
using NetTeam.Device;
using NetTeam.Integration.Tests.Topology;
using NetTeam.Interop;

namespace NetTeam.Integration.Tests;

/// <summary>
/// VLAN-tagged frames cross the team with their tags, both ways. This kernel has no 8021q module, so the
/// frames are raw ones sent and read through packet sockets; the kernel still moves a received frame's
/// first tag into metadata, which the readers here get back from PACKET_AUXDATA.
/// </summary>
public class VlanTests
{
    private const ushort Experimental = 0x88B5;

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void AFrameReceivedOnAPortReachesTheTeamWithItsTag(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        TeamDevice team = topo.CreateTeam("roundrobin", ip: null);
        byte[] marker = Marker();
        byte[] frame = Tagged(team.Address.ToString(), [(0x8100, 0x0123)], marker);
        using TaggedReader reader = new(topo.A, "team0");
        Send(topo.B, topo.Peers[0], frame);
        (ushort? vlan, byte[] payload)? got = reader.WaitFor(marker, TimeSpan.FromSeconds(5));
        Assert.NotNull(got);
        Assert.Equal((ushort)0x123, got.Value.vlan);
        Assert.Equal(Experimental, BinaryPrimitives.ReadUInt16BigEndian(got.Value.payload.AsSpan(12)));
    }

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void AStackedTagKeepsBothTagsAcrossTheTeam(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        TeamDevice team = topo.CreateTeam("roundrobin", ip: null);
        byte[] marker = Marker();
        byte[] frame = Tagged(team.Address.ToString(), [(0x88A8, 0x0064), (0x8100, 0x00C8)], marker);
        using TaggedReader reader = new(topo.A, "team0");
        Send(topo.B, topo.Peers[1], frame);
        (ushort? vlan, byte[] payload)? got = reader.WaitFor(marker, TimeSpan.FromSeconds(5));
        Assert.NotNull(got);
        // The outer tag is metadata again on the team; the inner one is still in the frame.
        Assert.Equal((ushort)100, got.Value.vlan);
        Assert.Equal((ushort)0x8100, BinaryPrimitives.ReadUInt16BigEndian(got.Value.payload.AsSpan(12)));
        Assert.Equal((ushort)200, (ushort)(BinaryPrimitives.ReadUInt16BigEndian(got.Value.payload.AsSpan(14)) & 0x0FFF));
    }

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void AFrameTheTeamSendsLeavesWithItsTag(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        topo.CreateTeam("broadcast", ip: null);
        byte[] marker = Marker();
        byte[] frame = Tagged("02:00:00:00:00:99", [(0x8100, 0x0042)], marker);
        using TaggedReader peer0 = new(topo.B, topo.Peers[0]);
        using TaggedReader peer1 = new(topo.B, topo.Peers[1]);
        Send(topo.A, "team0", frame);
        foreach (TaggedReader peer in new[] { peer0, peer1 })
        {
            (ushort? vlan, byte[] payload)? got = peer.WaitFor(marker, TimeSpan.FromSeconds(5));
            Assert.NotNull(got);
            Assert.Equal((ushort)0x42, got.Value.vlan);
        }
    }

    private static byte[] Marker() => Guid.NewGuid().ToByteArray();

    /// <summary>An Ethernet frame to <paramref name="destination"/> with the tags given outermost first, EtherType 0x88b5 and the marker.</summary>
    private static byte[] Tagged(string destination, (ushort Tpid, ushort Tci)[] tags, byte[] marker)
    {
        byte[] f = new byte[14 + (4 * tags.Length) + 46];
        MacAddress.Parse(destination).CopyTo(f);
        new byte[] { 0x02, 0, 0, 0, 0, 0x42 }.CopyTo(f, 6);
        int o = 12;
        foreach ((ushort tpid, ushort tci) in tags)
        {
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(o), tpid);
            BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(o + 2), tci);
            o += 4;
        }
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(o), Experimental);
        marker.CopyTo(f, o + 2);
        return f;
    }

    private static void Send(TestNamespace ns, string device, byte[] frame) => ns.Run(() =>
    {
        int index = Interfaces.NameToIndex(device);
        Assert.True(PacketSocket.Open(index, 0, nonBlocking: false, out FileDescriptorHandle? s).IsSuccess);
        using (s!)
        {
            Errno err = PacketSocket.SendTo(s!, index, frame);
            Assert.True(err.IsSuccess, $"send on {device}: {err}");
        }
        return 0;
    });

    /// <summary>Frames on one interface with the VLAN id the kernel took off them.</summary>
    private sealed class TaggedReader : IDisposable
    {
        private readonly FileDescriptorHandle _socket;

        public TaggedReader(TestNamespace ns, string device)
        {
            _socket = ns.Run(() =>
            {
                int index = Interfaces.NameToIndex(device);
                Assert.True(PacketSocket.Open(index, PacketSocket.AllProtocols, nonBlocking: true, out FileDescriptorHandle? s).IsSuccess);
                Assert.True(PacketSocket.SetAuxData(s!, true).IsSuccess);
                return s!;
            });
        }

        public (ushort? Vlan, byte[] Payload)? WaitFor(byte[] marker, TimeSpan timeout)
        {
            byte[] buffer = new byte[65536];
            (ushort?, byte[])? found = null;
            TeamTopology.WaitFor(() =>
            {
                int n;
                while ((n = PacketSocket.Receive(_socket, buffer, out ushort? vlan, out _, out _)) > 0)
                {
                    if (buffer.AsSpan(0, n).IndexOf(marker) >= 0)
                    {
                        found = (vlan, buffer[..n]);
                        return true;
                    }
                }
                return false;
            }, timeout);
            return found;
        }

        public void Dispose() => _socket.Dispose();
    }
}
