using NetTeam.Device;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>Traffic crosses a two-port team, in every mode, to a second NetTeam team as the static LAG partner.</summary>
public class ModeTrafficTests
{
    [Theory]
    [InlineData("broadcast", "userspace")]
    [InlineData("broadcast", "ebpf")]
    [InlineData("roundrobin", "userspace")]
    [InlineData("roundrobin", "ebpf")]
    [InlineData("random", "userspace")]
    [InlineData("random", "ebpf")]
    [InlineData("activebackup", "userspace")]
    [InlineData("activebackup", "ebpf")]
    [InlineData("loadbalance", "userspace")]
    [InlineData("loadbalance", "ebpf")]
    public void PingAndAVerifiedTcpTransferCrossTheTeam(string mode, string plane)
    {
        using TeamTopology topo = new(plane: plane);
        TeamDevice team = topo.CreateTeam(mode);
        TeamDevice peer = topo.PeerTeam(mode);
        if (mode == "activebackup")
        {
            team.SetOption("activeport", Device.Options.OptionValue.FromU32((uint)team.GetPort(topo.Ports[0])!.IfIndex));
            peer.SetOption("activeport", Device.Options.OptionValue.FromU32((uint)peer.GetPort(topo.Peers[0])!.IfIndex));
        }
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);

        var ping = topo.Ping(topo.A, TeamTopology.PeerIp, 20);
        Assert.Equal(20, ping.Received);
        TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 8 * 1024 * 1024);
        TeamTopology.TcpTransfer(topo.B, topo.A, TeamTopology.TeamIp, 8 * 1024 * 1024);

        // GSO: a 64 KB TCP segment is one frame, so count bytes, not frames.
        Assert.True(TeamTopology.WaitFor(() => team.Statistics.TxBytes > 8 * 1024 * 1024 && team.Statistics.RxBytes > 8 * 1024 * 1024, TimeSpan.FromSeconds(5)),
            $"team counted {team.Statistics.TxBytes} bytes sent, {team.Statistics.RxBytes} received");
        long txFrames = team.Ports.Sum(p => p.Statistics.TxPackets);
        switch (mode)
        {
            case "broadcast":
                // Every frame leaves on both ports. The team's count is read first: trailing ACKs may still be
                // leaving, and counts only grow, so the ports' later counts must cover it.
                long teamTx = team.Statistics.TxPackets;
                Assert.All(team.Ports, p => Assert.True(p.Statistics.TxPackets >= teamTx - 5, $"{p.Name} sent {p.Statistics.TxPackets} of the team's {teamTx}"));
                Assert.True(ping.Duplicates > 0, "broadcast on both links must duplicate each ping");
                break;
            case "roundrobin":
            case "random":
                Assert.All(team.Ports, p => Assert.True(p.Statistics.TxPackets > txFrames / 4, $"{p.Name} sent {p.Statistics.TxPackets} of {txFrames}"));
                break;
            case "activebackup":
                Assert.Equal(0, team.GetPort(topo.Ports[1])!.Statistics.TxPackets);
                break;
        }
    }
}
