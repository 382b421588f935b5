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

    [Theory]
    [InlineData("port-add", "ebpf")]
    [InlineData("mode-change", "ebpf")]
    [InlineData("publish", "ebpf")]
    [InlineData("port-add", "userspace")]
    [InlineData("mode-change", "userspace")]
    public void ADaemonKilledMidOperationLeavesATeamTheNextStartRecovers(string crashAt, string plane)
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        string team = LacpTests.TeamName();
        LinkSnapshot[] before = [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];
        string config = Config(team, topo.Ports);
        using (DaemonProcess crashing = DaemonProcess.StartWith(topo.A, team, Path.GetTempPath(), new Dictionary<string, string> { ["NETTEAM_CRASH_AT"] = crashAt }, ["--data-plane", plane, "-c", config]))
        {
            Assert.True(crashing.WaitExit(TimeSpan.FromSeconds(30)), "the crash point was not reached: " + crashing.Log);
        }
        // A plain start (no -o): the team a daemon left behind is taken over, whatever the moment it died.
        using (DaemonProcess next = Start(topo, team, plane, "-c", config))
        {
            topo.A.Ip("addr", "replace", TeamTopology.TeamIp + "/24", "dev", team);
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            Assert.Equal(20, topo.Ping(topo.A, TeamTopology.PeerIp, 20).Received);
            JsonObject dump = LacpTests.Dump(next, topo.A);
            Assert.All(topo.Ports, p => Assert.NotNull(dump["ports"]?[p]));
            Assert.Equal(topo.Ports[0], dump["runner"]!["active_port"]!.GetValue<string>());
            Assert.True(next.Stop(TimeSpan.FromSeconds(15)), "netteamd did not stop: " + next.Log);
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

    [Fact]
    public async Task ALacpPartnerNeverSeesUsLeaveAcrossKill9AndARestart()
    {
        using TeamTopology topo = new();
        string teamA = LacpTests.TeamName();
        string teamB = LacpTests.TeamName();
        string configA = LacpTests.Config(teamA, topo.Ports);
        using DaemonProcess b = Start(topo.B, teamB, "ebpf", "-c", LacpTests.Config(teamB, topo.Peers));
        DaemonProcess first = Start(topo.A, teamA, "ebpf", "-c", configA);
        try
        {
            Assert.True(TeamTopology.WaitFor(() => Collecting(b, topo.B, topo.Peers), TimeSpan.FromSeconds(10)), "no convergence");
            topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", teamA);
            topo.B.Ip("addr", "add", TeamTopology.PeerIp + "/24", "dev", teamB);
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            using PingStream ping = PingStream.Start(topo.A, TeamTopology.PeerIp, 1500, Spacing);
            first.Kill9();
            // While A is dead and coming back, B (fast rate: it expires a silent partner after 3 s) keeps both
            // ports collecting and distributing, looked at every few tens of milliseconds.
            List<string> seen = [];
            Task<DaemonProcess> restart = Task.Run(() => Start(topo.A, teamA, "ebpf", "-o", "-c", configA));
            DateTime until = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (DateTime.UtcNow < until || !restart.IsCompleted)
            {
                JsonObject dump = LacpTests.Dump(b, topo.B);
                if (!Collecting(dump, topo.Peers))
                {
                    seen.Add($"{DateTime.UtcNow:HH:mm:ss.fff} " + string.Join(", ", topo.Peers.Select(p => PortSummary(dump, p))));
                }
            }
            first.Dispose();
            first = await restart;
            (int sent, int received) = ping.Finish(TimeSpan.FromSeconds(30));
            Assert.True(seen.Count == 0, $"the partner stopped collecting/distributing {seen.Count} times: " + string.Join("; ", seen.Take(6)));
            Assert.True(received == sent, $"{sent - received} of {sent} pings lost");
            Assert.True(Collecting(first, topo.A, topo.Ports), "A did not resume its ports");
        }
        finally
        {
            first.Dispose();
        }
    }

    private static string PortSummary(JsonObject dump, string port) => dump["ports"]?[port]?["runner"] is JsonNode r
        ? $"{port} {r["state"]} actor {r["actor_lacpdu_info"]!["state"]} partner {r["partner_lacpdu_info"]!["state"]}"
        : $"{port} missing";

    private static bool Collecting(DaemonProcess d, TestNamespace ns, string[] ports) => Collecting(LacpTests.Dump(d, ns), ports);

    /// <summary>Every port of the team current, selected, and collecting and distributing (actor state bits 0x30).</summary>
    private static bool Collecting(JsonObject dump, string[] ports)
    {
        return ports.All(p => dump["ports"]?[p]?["runner"] is JsonNode r && r["state"]!.GetValue<string>() == "current"
            && (r["actor_lacpdu_info"]!["state"]!.GetValue<int>() & 0x30) == 0x30);
    }

    [Fact]
    public void PinsOfATeamWhoseNamespaceWentWhileNoDaemonRanAreSweptByTheNextStart()
    {
        string team = LacpTests.TeamName();
        string pins;
        using (TeamTopology gone = new())
        {
            pins = Path.Combine("/sys/fs/bpf/netteam", Cmd.Run("stat", "-L", "-c", "%i", "/run/netns/" + gone.A.Name).Trim(), team);
            using DaemonProcess killed = Start(gone, team, "ebpf", "-c", Config(team, gone.Ports));
            killed.Kill9();
            Assert.True(Directory.Exists(pins), "kill -9 keeps the plane pinned for a takeover");
        }
        // The namespace is gone with the team's interface: its links are severed, its maps still pinned.
        Assert.True(Directory.Exists(pins));
        using TeamTopology topo = new();
        string next = LacpTests.TeamName();
        using DaemonProcess d = Start(topo, next, "ebpf", "-c", Config(next, topo.Ports));
        Assert.False(Directory.Exists(pins), "the severed plane's pins were left behind");
        Assert.False(Directory.Exists(Path.GetDirectoryName(pins)), "the gone namespace's directory was left behind");
    }

    private static DaemonProcess Start(TeamTopology topo, string team, string plane, params string[] args) => Start(topo.A, team, plane, args);

    private static DaemonProcess Start(TestNamespace ns, string team, string plane, params string[] args)
    {
        DaemonProcess d = DaemonProcess.Start(ns, team, Path.GetTempPath(), ["--data-plane", plane, .. args]);
        Assert.True(d.WaitReady(ns, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
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
