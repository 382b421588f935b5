using NetTeam.Device;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Options;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

public class LoadBalanceTests
{
    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void ManyFlowsSpreadOverBothPortsAndTheMappingMovesAHash(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        TeamDevice team = topo.CreateTeam("loadbalance");
        topo.PeerTeam("loadbalance");
        team.SetOption("lb_tx_hash", "udp");
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);

        // 64 flows differing only in the source port: the udp fragment spreads them over both ports.
        long[] before = [.. topo.Ports.Select(p => team.GetPort(p)!.Statistics.TxPackets)];
        for (int i = 0; i < 64; i++)
        {
            TeamTopology.SendUdp(topo.A, TeamTopology.PeerIp, 40000 + i, 9, 20);
            // Paced: 1280 datagrams at once would overflow the TAP's 500-frame queue on a busy machine, and
            // what is measured here is where the frames go, not how many a burst may lose.
            Thread.Sleep(1);
        }
        long Sent(int i) => team.GetPort(topo.Ports[i])!.Statistics.TxPackets - before[i];
        Assert.True(TeamTopology.WaitFor(() => Sent(0) + Sent(1) >= 64 * 20, TimeSpan.FromSeconds(5)), "the datagrams did not all leave");
        long[] sent = [Sent(0), Sent(1)];
        Assert.All(sent, s => Assert.True(s > 64 * 20 / 5, $"uneven spread: {string.Join(", ", sent)}"));

        // One flow's bucket, as the data plane computes it for the udp fragment.
        int sport = 41000, dport = 9;
        byte bucket = TxHash.Fold(((uint)sport << 16) | (uint)dport);
        team.SetOption("lb_tx_method", "hash_to_port_mapping");
        foreach (string target in topo.Ports)
        {
            team.SetOption("lb_tx_hash_to_port_mapping", OptionValue.FromU32((uint)team.GetPort(target)!.IfIndex), arrayIndex: bucket);
            long targetBefore = team.GetPort(target)!.Statistics.TxPackets;
            long otherBefore = team.Ports.Where(p => p.Name != target).Sum(p => p.Statistics.TxPackets);
            TeamTopology.SendUdp(topo.A, TeamTopology.PeerIp, sport, dport, 200);
            Assert.True(TeamTopology.WaitFor(() => team.GetPort(target)!.Statistics.TxPackets - targetBefore >= 200, TimeSpan.FromSeconds(5)), $"bucket {bucket} did not move to {target}");
            Assert.True(team.Ports.Where(p => p.Name != target).Sum(p => p.Statistics.TxPackets) - otherBefore < 20);
        }
    }
}
