using System.Text.Json.Nodes;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>
/// `netteamctl TEAM statistics`: the data plane's counters, the same on both planes. On the eBPF plane they
/// are the only ones, since the team interface's own (ip -s link) stay at zero.
/// </summary>
public class StatisticsTests
{
    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void TheCountersShowTheTrafficOfTheTeamAndItsActivePort(string plane)
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        string team = LacpTests.TeamName();
        string config = new JsonObject
        {
            ["device"] = team,
            ["runner"] = new JsonObject { ["name"] = "activebackup" },
            ["link_watch"] = new JsonObject { ["name"] = "ethtool" },
            ["ports"] = new JsonObject { [topo.Ports[0]] = new JsonObject { ["prio"] = 100 }, [topo.Ports[1]] = new JsonObject() },
        }.ToJsonString();
        using DaemonProcess d = DaemonProcess.Start(topo.A, team, Path.GetTempPath(), "--data-plane", plane, "-c", config);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        Assert.Equal(20, topo.Ping(topo.A, TeamTopology.PeerIp, 20).Received);

        var r = d.Netteamctl(topo.A, "-j", team, "statistics");
        Assert.True(r.Code == 0, r.Stderr);
        JsonObject stats = JsonNode.Parse(r.Stdout)!.AsObject();
        Assert.Equal(plane, stats["data_plane"]!.GetValue<string>());
        Assert.True(stats["team"]!["tx_packets"]!.GetValue<long>() >= 20, r.Stdout);
        Assert.True(stats["team"]!["rx_packets"]!.GetValue<long>() >= 20, r.Stdout);
        Assert.True(stats["ports"]![topo.Ports[0]]!["tx_packets"]!.GetValue<long>() >= 20, r.Stdout);
        Assert.Equal(0, stats["ports"]![topo.Ports[1]]!["tx_packets"]!.GetValue<long>());

        var text = d.Netteamctl(topo.A, team, "statistics");
        Assert.Contains($"data plane: {plane}", text.Stdout, StringComparison.Ordinal);
        Assert.Contains(topo.Ports[0], text.Stdout, StringComparison.Ordinal);
    }
}
