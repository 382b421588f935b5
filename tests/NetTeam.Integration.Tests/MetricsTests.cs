using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NetTeam.Control.Tests.Metrics;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>
/// netteamd's metrics: served over HTTP on the address --metrics-listen names, inside the daemon's namespace, and by
/// `netteamctl TEAM metrics`; both pass promtool, and a failover of an activebackup team shows in them.
/// </summary>
public class MetricsTests
{
    private const int MetricsPort = 9786;

    private static string AbConfig(string team, TeamTopology topo) => new JsonObject
    {
        ["device"] = team,
        ["runner"] = new JsonObject { ["name"] = "activebackup" },
        ["link_watch"] = new JsonObject { ["name"] = "ethtool" },
        ["ports"] = new JsonObject { [topo.Ports[0]] = new JsonObject { ["prio"] = 100 }, [topo.Ports[1]] = new JsonObject() },
    }.ToJsonString();

    /// <summary>GET /metrics over TCP from inside <paramref name="ns"/> (the socket is made there and keeps it): the status line, the headers and the body.</summary>
    private static (string Head, string Body) Scrape(TestNamespace ns, string path = "/metrics")
    {
        using Socket s = ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        s.ReceiveTimeout = 10_000;
        s.Connect(new IPEndPoint(IPAddress.Loopback, MetricsPort));
        s.Send(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        using MemoryStream response = new();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = s.Receive(buffer)) > 0)
        {
            response.Write(buffer, 0, n);
        }
        string text = Encoding.UTF8.GetString(response.ToArray());
        int blank = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (text[..blank], text[(blank + 4)..]);
    }

    /// <summary>The value of the sample <paramref name="name"/>{<paramref name="labels"/>}, the labels written as in the text; null when there is none.</summary>
    private static double? Value(string text, string name, string labels)
    {
        string prefix = labels.Length == 0 ? name + " " : $"{name}{{{labels}}} ";
        string? line = text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }

    private static void AssertPromtool(string text)
    {
        (int code, string output) = Promtool.CheckMetrics(text);
        Assert.True(code == 0, $"promtool check metrics: {output}\n{text}");
    }

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void AFailoverShowsInTheMetricsServedOverHttpAndByNetteamctl(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        topo.BridgePeers();
        string team = LacpTests.TeamName();
        using DaemonProcess d = topo.StartDaemon(team, Path.GetTempPath(), ["--metrics-listen", $"127.0.0.1:{MetricsPort}", "-c", AbConfig(team, topo)]);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        string t = $"team=\"{team}\"";
        string P(int i) => $"{t},port=\"{topo.Ports[i]}\"";

        (string head, string body) = Scrape(topo.A);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: text/plain; version=0.0.4\r\n", head, StringComparison.Ordinal);
        AssertPromtool(body);
        Assert.Equal(1, Value(body, "netteam_team_active_port", P(0)));
        Assert.Null(Value(body, "netteam_team_active_port", P(1)));
        Assert.Equal(0, Value(body, "netteam_team_failovers_total", t));
        Assert.Equal(2, Value(body, "netteam_team_ports", t));
        Assert.Equal(1, Value(body, "netteam_team_ports_enabled", t));
        Assert.Equal(1, Value(body, "netteam_team_data_plane_info", $"{t},plane=\"{plane}\""));
        Assert.Equal(1, Value(body, "netteam_build_info", $"version=\"{Control.NetTeamVersion.Text}\""));
        Assert.True(Value(body, "netteam_daemon_start_time_seconds", string.Empty) > DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), body);
        Assert.StartsWith("HTTP/1.1 404 Not Found\r\n", Scrape(topo.A, "/").Head, StringComparison.Ordinal);

        // The active port's peer goes down: the other port takes over, and the metrics say so.
        topo.B.Ip("link", "set", topo.Peers[0], "down");
        Assert.True(TeamTopology.WaitFor(() => Value(Scrape(topo.A).Body, "netteam_team_failovers_total", t) == 1, TimeSpan.FromSeconds(10)), "no failover counted: " + Scrape(topo.A).Body);
        body = Scrape(topo.A).Body;
        AssertPromtool(body);
        Assert.Equal(1, Value(body, "netteam_team_active_port", P(1)));
        Assert.Null(Value(body, "netteam_team_active_port", P(0)));
        double duration = Value(body, "netteam_team_last_failover_duration_seconds", t)!.Value;
        Assert.True(duration is > 0 and < 1, $"last failover took {duration} s");
        double at = Value(body, "netteam_team_last_failover_timestamp_seconds", t)!.Value;
        double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        Assert.True(at > now - 30 && at <= now + 1, $"last failover at {at}, now {now}");
        Assert.Equal(0, Value(body, "netteam_port_link_up", P(0)));
        Assert.Equal(1, Value(body, "netteam_port_link_watch_down_changes_total", $"{P(0)},link_watch=\"ethtool\",index=\"0\""));

        // netteamctl prints the same metrics from the control socket; its own request shows in the next one.
        var first = d.Netteamctl(topo.A, team, "metrics");
        Assert.True(first.Code == 0, first.Stderr);
        AssertPromtool(first.Stdout);
        Assert.Equal(1, Value(first.Stdout, "netteam_team_active_port", P(1)));
        string second = d.Netteamctl(topo.A, team, "metrics").Stdout;
        Assert.Equal(1, Value(second, "netteam_control_requests_total", $"{t},method=\"Metrics\",result=\"ok\""));
        Assert.True(Value(second, "netteam_control_requests_total", $"{t},method=\"StateItemValueGet\",result=\"ok\"") >= 1, second);
    }

    [Fact]
    public void TwoLacpPartnersShowTheirStateBitsAndLacpduCounts()
    {
        using TeamTopology topo = new(plane: "userspace");
        string teamA = LacpTests.TeamName();
        string teamB = LacpTests.TeamName();
        using DaemonProcess a = topo.StartDaemon(teamA, Path.GetTempPath(), ["--metrics-listen", $"127.0.0.1:{MetricsPort}", "-c", LacpTests.Config(teamA, topo.Ports)]);
        using DaemonProcess b = topo.StartDaemon(teamB, Path.GetTempPath(), ["-c", LacpTests.Config(teamB, topo.Peers)], topo.B);
        Assert.True(a.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + a.Log);
        Assert.True(b.WaitReady(topo.B, TimeSpan.FromSeconds(30)), "netteamd did not start: " + b.Log);
        string P(int i) => $"team=\"{teamA}\",port=\"{topo.Ports[i]}\"";
        bool Distributing(string text) => Enumerable.Range(0, 2).All(i =>
            Value(text, "netteam_lacp_port_partner_state", $"{P(i)},bit=\"distributing\"") == 1
            && Value(text, "netteam_lacp_port_actor_state", $"{P(i)},bit=\"distributing\"") == 1);
        Assert.True(TeamTopology.WaitFor(() => Distributing(Scrape(topo.A).Body), TimeSpan.FromSeconds(10)), "no aggregation: " + Scrape(topo.A).Body);
        string body = Scrape(topo.A).Body;
        AssertPromtool(body);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(1, Value(body, "netteam_lacp_port_aggregator_selected", P(i)));
            Assert.Equal(1, Value(body, "netteam_lacp_port_receive_state", $"{P(i)},state=\"current\""));
            Assert.Equal(0, Value(body, "netteam_lacp_port_actor_state", $"{P(i)},bit=\"defaulted\""));
            Assert.True(Value(body, "netteam_lacp_pdus_received_total", P(i)) >= 1, body);
            Assert.True(Value(body, "netteam_lacp_pdus_sent_total", P(i)) >= 1, body);
            Assert.Equal(0, Value(body, "netteam_lacp_pdus_malformed_total", P(i)));
        }
        // Both ports share one aggregator, whose id is one of theirs.
        Assert.Equal(Value(body, "netteam_lacp_port_aggregator_id", P(0)), Value(body, "netteam_lacp_port_aggregator_id", P(1)));
        Assert.True(Value(body, "netteam_lacp_port_aggregator_id", P(0)) > 0, body);
        Assert.Equal(2, Value(body, "netteam_team_ports_enabled", $"team=\"{teamA}\""));
        Assert.Equal(1, Value(body, "netteam_team_info", $"team=\"{teamA}\",runner=\"lacp\",mode=\"loadbalance\""));
    }

    [Fact]
    public void ABadListenValueStopsTheStartNamingTheKeyAndTheValue()
    {
        using TestNamespace ns = new();
        string team = LacpTests.TeamName();
        var option = DaemonProcess.RunToEnd(ns, "-t", team, "--metrics-listen", "localhost:9786");
        Assert.Equal(1, option.Code);
        Assert.Contains("--metrics-listen: \"localhost:9786\" is not an address and port", option.Output, StringComparison.Ordinal);
        var config = DaemonProcess.RunToEnd(ns, "-c", $"{{\"device\": \"{team}\", \"metrics\": {{\"listen\": \"127.0.0.1:99999\"}}}}");
        Assert.Equal(1, config.Code);
        Assert.Contains("metrics.listen: \"127.0.0.1:99999\" is not an address and port", config.Output, StringComparison.Ordinal);
        // Nothing was made: no team interface.
        Assert.DoesNotContain(team, ns.Ip("link", "show"), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutListenNothingIsServed()
    {
        using TeamTopology topo = new(plane: "userspace");
        string team = LacpTests.TeamName();
        using DaemonProcess d = topo.StartDaemon(team, Path.GetTempPath(), ["-c", AbConfig(team, topo)]);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        Assert.DoesNotContain($":{MetricsPort}", topo.A.Exec("ss", "-ltnH"), StringComparison.Ordinal);
        Assert.Equal(0, d.Netteamctl(topo.A, team, "metrics").Code);
    }
}
