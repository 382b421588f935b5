using NetTeam.Device;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

public class DataPlaneTests
{
    [Fact]
    public void TheDataPlaneAllocatesNothingPerFrame()
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        TeamDevice team = topo.CreateTeam("activebackup");
        team.SetOption("activeport", Device.Options.OptionValue.FromU32((uint)team.GetPort(topo.Ports[0])!.IfIndex));
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        // Warm up (JIT, first-use paths), then measure over a transfer of thousands of frames.
        TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 4 * 1024 * 1024);
        topo.Ping(topo.A, TeamTopology.PeerIp, 5);
        (long allocatedBefore, long loopsBefore) = team.DataPlaneAllocations;
        long framesBefore = team.Statistics.TxPackets + team.Statistics.RxPackets;

        TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 32 * 1024 * 1024);
        topo.Ping(topo.A, TeamTopology.PeerIp, 5);

        (long allocatedAfter, long loopsAfter) = team.DataPlaneAllocations;
        long frames = team.Statistics.TxPackets + team.Statistics.RxPackets - framesBefore;
        // GSO frames are up to 64 KB: 32 MB is some hundreds of frames one way and thousands of ACKs back.
        Assert.True(frames > 500, $"only {frames} frames crossed");
        Assert.True(loopsAfter > loopsBefore);
        Assert.Equal(allocatedBefore, allocatedAfter);
    }
}
