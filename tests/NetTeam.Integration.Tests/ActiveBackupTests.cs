using NetTeam.Device;
using NetTeam.Device.Options;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

public class ActiveBackupTests
{
    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void TheInactivePortsFramesAreDroppedAndActiveportSwitchesTheTraffic(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        topo.BridgePeers();
        TeamDevice team = topo.CreateTeam("activebackup");
        string p0 = topo.Ports[0], p1 = topo.Ports[1];
        team.SetOption("activeport", OptionValue.FromU32((uint)team.GetPort(p0)!.IfIndex));
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);
        Assert.Equal(0, team.GetPort(p1)!.Statistics.TxPackets);

        // A broadcast from the peer (its ARP request) floods to both ports: the inactive one must drop it.
        long droppedBefore = team.GetPort(p1)!.Statistics.RxDropped;
        topo.B.Ip("neigh", "flush", "dev", "br0");
        topo.Ping(topo.B, TeamTopology.TeamIp, 3);
        // The data plane counts asynchronously: poll with a deadline.
        Assert.True(TeamTopology.WaitFor(() => team.GetPort(p1)!.Statistics.RxDropped > droppedBefore, TimeSpan.FromSeconds(5)), "the inactive port's copy of the broadcast was not dropped");
        Assert.Equal(0, team.GetPort(p1)!.Statistics.RxPackets);

        // Switch: from now on only p1 sends, and the traffic still flows.
        team.SetOption("activeport", OptionValue.FromU32((uint)team.GetPort(p1)!.IfIndex));
        Assert.Equal((uint)team.GetPort(p1)!.IfIndex, team.GetOption("activeport").AsU32);
        long p0Tx = team.GetPort(p0)!.Statistics.TxPackets;
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);
        TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 4 * 1024 * 1024);
        Assert.Equal(p0Tx, team.GetPort(p0)!.Statistics.TxPackets);
        Assert.True(team.GetPort(p1)!.Statistics.TxBytes > 4 * 1024 * 1024);
        Assert.True(team.GetPort(p1)!.Statistics.RxPackets > 10);
    }

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void CarrierLossOnAPortIsReportedAndTheTeamCarrierFollows(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        TeamDevice team = topo.CreateTeam("activebackup");
        Assert.True(TeamTopology.WaitFor(() => team.Carrier && team.Ports.All(p => p.Link.Up), TimeSpan.FromSeconds(5)));
        Assert.All(team.Ports, p => Assert.Equal(10000, p.Link.SpeedMbps));

        topo.B.Ip("link", "set", topo.Peers[0], "down");
        Assert.True(TeamTopology.WaitFor(() => !team.GetPort(topo.Ports[0])!.Link.Up, TimeSpan.FromSeconds(5)), "carrier loss not seen");
        Assert.True(team.Carrier);
        topo.B.Ip("link", "set", topo.Peers[1], "down");
        Assert.True(TeamTopology.WaitFor(() => !team.Carrier, TimeSpan.FromSeconds(5)), "team carrier stayed up with no port link");
        Assert.Contains("NO-CARRIER", topo.A.Ip("link", "show", "dev", "team0"));
        topo.B.Ip("link", "set", topo.Peers[1], "up");
        Assert.True(TeamTopology.WaitFor(() => team.Carrier, TimeSpan.FromSeconds(5)), "team carrier did not come back");
    }
}
