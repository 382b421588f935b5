using System.Globalization;
using System.Text.Json.Nodes;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>
/// `netteamctl TEAM top` in a real terminal (tmux) against netteamd: both ports on screen, the active port's
/// rates rising with traffic, the panes' keys, q, Ctrl-C, and the daemon going away. And -j on every command that prints
/// state, against the same kind of daemon.
/// </summary>
public class TopTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void TopShowsBothPortsAndTheActivePortsTrafficSwitchesPanesAndEndsCleanly()
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        string team = LacpTests.TeamName();
        using DaemonProcess d = topo.StartDaemon(team, Path.GetTempPath(), ["-c", ActiveBackup(topo, team)]);
        Assert.True(d.WaitReady(topo.A, s_deadline), "netteamd did not start: " + d.Log);
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        string active = topo.Ports[0];
        string top = $"ip netns exec {topo.A.Name} dotnet {Path.Combine(AppContext.BaseDirectory, "netteamctl.dll")} {team} top";
        using TmuxSession tmux = TmuxSession.Start(top);

        // Both ports, the active one marked, with rates (the second sample is in) and the team idle.
        var idle = tmux.WaitForScreen(s => s.Contains("rates over", StringComparison.Ordinal) && s.Contains(topo.Ports[1], StringComparison.Ordinal)
            && PacketRates(s, active) is ( < 50, < 50), s_deadline);
        Assert.True(idle.Ok, "no idle frame with both ports:\n" + idle.Screen);
        Assert.Contains($"* {active}", idle.Screen, StringComparison.Ordinal);
        Assert.Contains($"active port {active}", idle.Screen, StringComparison.Ordinal);
        Assert.Contains("[p ports]", idle.Screen, StringComparison.Ordinal);

        // A ping every 2 ms is 500 packets a second each way on the active port.
        using (PingStream ping = PingStream.Start(topo.A, TeamTopology.PeerIp, 5000, TimeSpan.FromMilliseconds(2)))
        {
            var busy = tmux.WaitForScreen(s => PacketRates(s, active) is ( >= 200, >= 200), s_deadline);
            Assert.True(busy.Ok, "the active port's rates did not rise with the pings:\n" + busy.Screen);
            // The team sends nothing on the backup port; it may hear the peer's broadcasts.
            Assert.True(PacketRates(busy.Screen, topo.Ports[1]) is ( < 50, 0), "the backup port carried the pings:\n" + busy.Screen);
        }

        tmux.SendKeys("w");
        var watches = tmux.WaitForScreen(s => s.Contains("[w link watches]", StringComparison.Ordinal) && s.Contains("link_watch_0", StringComparison.Ordinal), s_deadline);
        Assert.True(watches.Ok, "w did not switch to the link watches:\n" + watches.Screen);
        tmux.SendKeys("l");
        var lacp = tmux.WaitForScreen(s => s.Contains("[l LACP]", StringComparison.Ordinal) && s.Contains("does not run LACP", StringComparison.Ordinal), s_deadline);
        Assert.True(lacp.Ok, "l did not switch to the LACP pane:\n" + lacp.Screen);
        tmux.SendKeys("Tab");
        var ports = tmux.WaitForScreen(s => s.Contains("[w link watches]", StringComparison.Ordinal), s_deadline);
        Assert.True(ports.Ok, "Tab did not move to the next pane:\n" + ports.Screen);

        tmux.SendKeys("q");
        Assert.True(TeamTopology.WaitFor(() => tmux.ExitStatus() is not null, s_deadline), "q did not end top:\n" + tmux.Capture());
        Assert.Equal(0, tmux.ExitStatus());
        // The alternate screen is gone: the terminal is as it was before top.
        Assert.DoesNotContain("q quit", tmux.Capture(), StringComparison.Ordinal);
        // top changed nothing: the first port is still the active one.
        Assert.Equal(active + "\n", d.Netteamctl(topo.A, team, "state", "item", "get", "runner.active_port").Stdout);

        // Ctrl-C ends it as cleanly as q.
        using (TmuxSession interrupted = TmuxSession.Start(top))
        {
            var shown = interrupted.WaitForScreen(s => s.Contains($"* {active}", StringComparison.Ordinal), s_deadline);
            Assert.True(shown.Ok, "top did not start again:\n" + shown.Screen);
            interrupted.SendKeys("C-c");
            Assert.True(TeamTopology.WaitFor(() => interrupted.ExitStatus() is not null, s_deadline), "Ctrl-C did not end top:\n" + interrupted.Capture());
            Assert.Equal(0, interrupted.ExitStatus());
            Assert.DoesNotContain("q quit", interrupted.Capture(), StringComparison.Ordinal);
        }

        // Again, and then the daemon goes: top leaves the alternate screen, says so and exits 1.
        using TmuxSession again = TmuxSession.Start(top);
        var running = again.WaitForScreen(s => s.Contains($"* {active}", StringComparison.Ordinal), s_deadline);
        Assert.True(running.Ok, "top did not start again:\n" + running.Screen);
        Assert.True(d.Stop(s_deadline), "netteamd did not stop");
        Assert.True(TeamTopology.WaitFor(() => again.ExitStatus() is not null, s_deadline), "top did not end when the daemon went:\n" + again.Capture());
        Assert.Equal(1, again.ExitStatus());
        Assert.Contains($"The daemon of {team} went away", again.Capture(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryStatePrintingCommandPrintsJsonWithJ()
    {
        using TeamTopology topo = new();
        string team = LacpTests.TeamName();
        using DaemonProcess d = topo.StartDaemon(team, Path.GetTempPath(), ["-c", ActiveBackup(topo, team)]);
        Assert.True(d.WaitReady(topo.A, s_deadline), "netteamd did not start: " + d.Log);
        string port = topo.Ports[0];
        (string[] Command, string[] Keys)[] objects =
        [
            (["state", "view"], ["ports", "runner", "setup", "team_device"]),
            (["state", "dump"], ["ports", "runner", "setup", "team_device"]),
            (["config", "dump"], ["device", "runner", "ports"]),
            (["config", "dump", "noports"], ["device", "runner"]),
            (["config", "dump", "actual"], ["device", "runner", "ports"]),
            (["port", "config", "dump", port], ["prio"]),
            (["state", "item", "get", "runner.active_port"], ["path", "value"]),
            (["port", "present", port], ["port", "present"]),
            (["getoption", "mode"], ["name", "value"]),
            (["statistics"], ["data_plane", "team", "ports"]),
            (["top"], ["team", "runner", "data_plane", "active_port", "last_failover", "ports", "team_traffic"]),
        ];
        foreach ((string[] command, string[] keys) in objects)
        {
            var r = d.Netteamctl(topo.A, ["--json", team, .. command]);
            Assert.True(r.Code == 0, $"{string.Join(' ', command)}: {r.Stderr}");
            JsonObject json = Assert.IsType<JsonObject>(JsonNode.Parse(r.Stdout));
            Assert.All(keys, k => Assert.True(json.ContainsKey(k), $"{string.Join(' ', command)}: no \"{k}\" in {r.Stdout}"));
        }
        Assert.Equal(port, JsonNode.Parse(d.Netteamctl(topo.A, team, "state", "item", "get", "runner.active_port", "-j").Stdout)!["value"]!.GetValue<string>());
        Assert.True(JsonNode.Parse(d.Netteamctl(topo.A, team, "top", "--json").Stdout)!["ports"]![port]!["enabled"]!.GetValue<bool>());
        foreach (string listing in (string[])["ports", "options"])
        {
            var r = d.Netteamctl(topo.A, "-j", team, listing);
            Assert.NotEmpty(Assert.IsType<JsonArray>(JsonNode.Parse(r.Stdout)));
        }
        Assert.False(JsonNode.Parse(d.Netteamctl(topo.A, "-j", team, "port", "present", "nosuch0").Stdout)!["present"]!.GetValue<bool>());
    }

    private static string ActiveBackup(TeamTopology topo, string team) => new JsonObject
    {
        ["device"] = team,
        ["runner"] = new JsonObject { ["name"] = "activebackup" },
        ["link_watch"] = new JsonObject { ["name"] = "ethtool" },
        ["ports"] = new JsonObject { [topo.Ports[0]] = new JsonObject { ["prio"] = 100 }, [topo.Ports[1]] = new JsonObject() },
    }.ToJsonString();

    /// <summary>
    /// A port's rx and tx packets per second on top's ports pane: the line is "[*] PORT link speed watch enabled
    /// RXPPS RXBITS UNIT TXPPS ..."; null while the port's line is not on screen or its rates are not known yet.
    /// </summary>
    private static (double Rx, double Tx)? PacketRates(string screen, string port)
    {
        foreach (string line in screen.Split('\n'))
        {
            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int at = Array.IndexOf(words, port);
            if (at >= 0 && words.Length > at + 8 && Rate(words[at + 5]) is double rx && Rate(words[at + 8]) is double tx)
            {
                return (rx, tx);
            }
        }
        return null;
    }

    /// <summary>top's packet rate: 12, 1.50k, 4.50M.</summary>
    private static double? Rate(string text)
    {
        double scale = text.EndsWith('k') ? 1e3 : text.EndsWith('M') ? 1e6 : 1;
        return double.TryParse(scale == 1 ? text : text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v * scale : null;
    }
}
