using System.Text.Json.Nodes;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>
/// A team outlives its daemon (issue 11): after kill -9 the team interface keeps its address, on the eBPF
/// plane the pinned programs keep forwarding until a restarted daemon takes over, and a handover from a
/// live daemon to a new one loses nothing; the final clean stop restores every port.
/// </summary>
public class RestartTests
{
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(2);

    private static string Config(string team, string[] ports) => new JsonObject
    {
        ["device"] = team,
        ["runner"] = new JsonObject { ["name"] = "activebackup" },
        ["link_watch"] = new JsonObject { ["name"] = "ethtool" },
        ["ports"] = new JsonObject { [ports[0]] = new JsonObject { ["prio"] = 100 }, [ports[1]] = new JsonObject() },
    }.ToJsonString();

    [Theory]
    [InlineData("ebpf")]
    [InlineData("userspace")]
    public void AfterKill9ARestartTakesTheTeamOverWithItsAddress(string plane)
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        string team = LacpTests.TeamName();
        LinkSnapshot[] before = [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];
        string config = Config(team, topo.Ports);
        (int sent, int received) stream;
        using (DaemonProcess first = Start(topo, team, plane, "-c", config))
        {
            topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            using PingStream ping = PingStream.Start(topo.A, TeamTopology.PeerIp, 1500, Spacing);
            Thread.Sleep(500);
            first.Kill9();
            // Dead: the interface and its address stay (a persistent TAP); on the eBPF plane the pins forward.
            Assert.Contains(TeamTopology.TeamIp, topo.A.Ip("addr", "show", "dev", team), StringComparison.Ordinal);
            Thread.Sleep(500);
            using DaemonProcess second = Start(topo, team, plane, "-o", "-c", config);
            stream = ping.Finish(TimeSpan.FromSeconds(30));
            Assert.Equal(topo.Ports[0], second.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout.Trim());
            Assert.Equal(20, topo.Ping(topo.A, TeamTopology.PeerIp, 20).Received);
            Assert.True(second.Stop(TimeSpan.FromSeconds(15)), "netteamd did not stop: " + second.Log);
        }
        if (plane == "ebpf")
        {
            Assert.True(stream.received == stream.sent, $"{stream.sent - stream.received} of {stream.sent} pings lost across kill -9 and the restart");
        }
        else
        {
            // The userspace plane forwards nothing while its process is gone; what matters is that it comes back.
            Assert.True(stream.received > 0 && stream.received < stream.sent, $"{stream.received} of {stream.sent}");
        }
        AssertRestored(topo, team, before);
    }

    [Fact]
    public void AHandoverToANewDaemonLosesNoPingOnTheEbpfPlane()
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        string team = LacpTests.TeamName();
        LinkSnapshot[] before = [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];
        string config = Config(team, topo.Ports);
        using (DaemonProcess first = Start(topo, team, "ebpf", "-c", config))
        {
            topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            using PingStream ping = PingStream.Start(topo.A, TeamTopology.PeerIp, 1500, Spacing);
            Thread.Sleep(500);
            // -o on a team whose daemon is alive: the old one hands over and ends by itself.
            using DaemonProcess second = Start(topo, team, "ebpf", "-o", "-c", config);
            Assert.True(first.WaitExit(TimeSpan.FromSeconds(15)), "the old daemon did not end after the handover: " + first.Log);
            (int sent, int received) = ping.Finish(TimeSpan.FromSeconds(30));
            Assert.True(received == sent, $"{sent - received} of {sent} pings lost across the handover");
            Assert.Contains("handing the team over", first.Log, StringComparison.Ordinal);
            Assert.True(second.Stop(TimeSpan.FromSeconds(15)), "netteamd did not stop: " + second.Log);
        }
        AssertRestored(topo, team, before);
    }

    private static DaemonProcess Start(TeamTopology topo, string team, string plane, params string[] args)
    {
        DaemonProcess d = DaemonProcess.Start(topo.A, team, Path.GetTempPath(), ["--data-plane", plane, .. args]);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        return d;
    }

    /// <summary>After the last clean stop: the ports as they were, no team interface, nothing pinned.</summary>
    private static void AssertRestored(TeamTopology topo, string team, LinkSnapshot[] before)
    {
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            LinkSnapshot.AssertSame(before[i], LinkSnapshot.Take(topo.A, topo.Ports[i]), topo.Ports[i]);
        }
        Assert.DoesNotContain(team, topo.A.Ip("link", "show"), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateDirectories("/sys/fs/bpf/netteam", team, SearchOption.AllDirectories));
    }
}
