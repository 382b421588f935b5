using NetTeam.Device;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>The userspace plane's own frame path: allocations, carrier sampling, software segmentation.</summary>
public class DataPlaneTests
{
    [Fact]
    public void TheDataPlaneAllocatesNothingPerFrame()
    {
        using TeamTopology topo = new(plane: "userspace");
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

    [Fact]
    public void ACarrierLossOnTheTransmittingPortIsSeenBeforeTheKernelsDelayedLinkEvent()
    {
        using TeamTopology topo = new(plane: "userspace");
        topo.BridgePeers();
        TeamDevice team = topo.CreateTeam("activebackup");
        team.SetOption("activeport", Device.Options.OptionValue.FromU32((uint)team.GetPort(topo.Ports[0])!.IfIndex));
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        // An unrelated link event just before: the kernel's linkwatch now holds the next ordinary event for
        // up to a second (net/core/link_watch.c), so only NetTeam's own carrier reads can see the loss at once.
        using TestNamespace other = new();
        other.Ip("link", "add", "xa", "type", "veth", "peer", "name", "xb");
        other.Ip("link", "set", "xa", "up");
        other.Ip("link", "set", "xb", "up");
        Thread traffic = new(() => topo.Ping(topo.A, TeamTopology.PeerIp, 400, 0.002));
        traffic.Start();
        try
        {
            Thread.Sleep(100);
            other.Ip("link", "set", "xb", "down");
            System.Diagnostics.Stopwatch sw = System.Diagnostics.Stopwatch.StartNew();
            topo.B.Ip("link", "set", topo.Peers[0], "down");
            Assert.True(TeamTopology.WaitFor(() => !team.GetPort(topo.Ports[0])!.Link.Up, TimeSpan.FromSeconds(5)), "the carrier loss was never seen");
            // The linkwatch delay is most of a second; the data plane's read takes a millisecond.
            Assert.True(sw.ElapsedMilliseconds < 400, $"seen after {sw.ElapsedMilliseconds} ms: only the kernel's late event noticed it");
        }
        finally
        {
            traffic.Join();
        }
    }

    [Fact]
    public void GsoFramesAreSegmentedForAPortWithoutSegmentationOffload()
    {
        using TeamTopology topo = new(plane: "userspace");
        // A port that cannot segment (no tx checksumming, hence no TSO), as veths facing Open vSwitch are set up:
        // the team's 64 KB GSO frames must be cut in software, not dropped.
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            topo.A.Exec("ethtool", "-K", topo.Ports[i], "tx", "off");
            topo.B.Exec("ethtool", "-K", topo.Peers[i], "tx", "off");
        }
        topo.BridgePeers();
        TeamDevice team = topo.CreateTeam("activebackup");
        team.SetOption("activeport", Device.Options.OptionValue.FromU32((uint)team.GetPort(topo.Ports[0])!.IfIndex));
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        // 64 MB in the transfer's 30 s needs some 20 Mbit/s; with GSO frames dropped TCP crawls at about 1.
        TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 64 * 1024 * 1024);
        Assert.Equal(0, team.GetPort(topo.Ports[0])!.Statistics.TxDropped);
    }
}
