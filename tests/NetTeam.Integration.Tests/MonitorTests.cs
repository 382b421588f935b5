using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>netteamctl's teamnl commands against netteamd: the monitor stream and the JSON outputs.</summary>
public class MonitorTests
{
    private static string TeamName() => "nm" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();

    /// <summary>`netteamctl TEAM monitor STYLE` in the namespace, its output in a file, stopped by pid.</summary>
    private sealed class Monitor : IDisposable
    {
        private readonly Process _process;

        public Monitor(TestNamespace ns, string team, string style, string workDir, bool json = false)
        {
            Output = Path.Combine(workDir, $"monitor-{Guid.NewGuid():N}.out");
            string dll = Path.Combine(AppContext.BaseDirectory, "netteamctl.dll");
            ProcessStartInfo psi = new("sh") { ArgumentList = { "-c", "exec ip netns exec \"$0\" dotnet \"$@\" > " + Output + " 2>&1", ns.Name, dll } };
            if (json)
            {
                psi.ArgumentList.Add("--json");
            }
            psi.ArgumentList.Add(team);
            psi.ArgumentList.Add("monitor");
            psi.ArgumentList.Add(style);
            _process = Process.Start(psi)!;
        }

        public string Output { get; }

        public string Text => File.Exists(Output) ? File.ReadAllText(Output) : string.Empty;

        /// <summary>Waits for <paramref name="text"/> in the output; fails with the output as it is then.</summary>
        public void Expect(string text)
        {
            if (!TeamTopology.WaitFor(() => Text.Contains(text, StringComparison.Ordinal), TimeSpan.FromSeconds(10)))
            {
                Assert.Fail($"no \"{text}\" in the monitor's output:\n{Text}");
            }
        }

        public int Stop()
        {
            Cmd.Try("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
            Assert.True(_process.WaitForExit(10_000), "the monitor did not stop on SIGTERM");
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
            _process.Dispose();
            File.Delete(Output);
        }
    }

    [Fact]
    public void MonitorShowsPortOptionAndInterfaceChangesAsTeamnlDoes()
    {
        using TeamTopology topo = new();
        string team = TeamName();
        string config = $"{{\"device\": \"{team}\", \"runner\": {{\"name\": \"roundrobin\"}}, \"ports\": {{\"{topo.Ports[0]}\": {{}}}}}}";
        using DaemonProcess d = DaemonProcess.Start(topo.A, team, Path.GetTempPath(), "-c", config);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        using Monitor changed = new(topo.A, team, "changed", Path.GetTempPath());
        using Monitor all = new(topo.A, team, "a", Path.GetTempPath());
        using Monitor json = new(topo.A, team, "changed", Path.GetTempPath(), json: true);

        // The monitors subscribe asynchronously: change an option until all three have shown it.
        int round = 0;
        Assert.True(TeamTopology.WaitFor(() =>
        {
            d.Netteamctl(topo.A, team, "setoption", "notify_peers_count", (++round).ToString(CultureInfo.InvariantCulture));
            string expect = $"  *notify_peers_count {round} changed\n";
            return changed.Text.Contains(expect, StringComparison.Ordinal) && all.Text.Contains(expect, StringComparison.Ordinal) && json.Text.Contains("notify_peers_count", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(15)), "the monitors never saw an option change:\n" + changed.Text + all.Text);
        // "changed" shows only what changed; "all" shows every option, the unchanged ones with a space.
        Assert.DoesNotContain("  mode roundrobin\n", changed.Text);
        Assert.Contains("  mode roundrobin\n", all.Text);

        Assert.Equal(0, d.Netteamctl(topo.A, team, "port", "add", topo.Ports[1]).Code);
        string index = topo.A.ReadSysctl($"/sys/class/net/{topo.Ports[1]}/ifindex");
        string teamIndex = topo.A.ReadSysctl($"/sys/class/net/{team}/ifindex");
        changed.Expect($"ports:\n  *{index}: {topo.Ports[1]}: up 10000Mbit FD \n");
        changed.Expect($"ifinfos:\n  *{index}: {topo.Ports[1]}: ");
        Assert.Contains($": {teamIndex} \n", changed.Text[changed.Text.LastIndexOf("ifinfos:", StringComparison.Ordinal)..]);

        Assert.Equal(0, d.Netteamctl(topo.A, "--port", topo.Ports[1], team, "setoption", "priority", "9").Code);
        changed.Expect($"  *priority (port:{topo.Ports[1]}) 9 changed\n");

        Assert.Equal(0, d.Netteamctl(topo.A, team, "port", "remove", topo.Ports[1]).Code);
        changed.Expect($"  -{index}: {topo.Ports[1]}: ");
        changed.Expect($"  -priority (port:{topo.Ports[1]}) 9\n");

        // --json: one JSON object per event, the lists with their flags.
        json.Expect("\"removed\":true");
        foreach (string line in json.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.IsType<JsonObject>(JsonNode.Parse(line));
        }

        Assert.Equal(0, changed.Stop());
        Assert.Equal(0, all.Stop());
        Assert.Equal(0, json.Stop());
        Assert.False(d.HasExited);
        // The daemon is not hurt by its monitors going away.
        Assert.Equal(0, d.Teamdctl(topo.A, "state", "item", "get", "setup.pid").Code);
    }

    [Fact]
    public void TeamnlCommandsPrintJsonForScripts()
    {
        using TeamTopology topo = new();
        string team = TeamName();
        string config = $"{{\"device\": \"{team}\", \"runner\": {{\"name\": \"activebackup\"}}, \"ports\": {{\"{topo.Ports[0]}\": {{}}}}}}";
        using DaemonProcess d = DaemonProcess.Start(topo.A, team, Path.GetTempPath(), "-c", config);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        JsonArray ports = JsonNode.Parse(d.Netteamctl(topo.A, "--json", team, "ports").Stdout)!.AsArray();
        JsonNode port = Assert.Single(ports)!;
        Assert.Equal(topo.Ports[0], port["name"]!.GetValue<string>());
        Assert.True(port["link_up"]!.GetValue<bool>());
        Assert.Equal(10000, port["speed_mbps"]!.GetValue<int>());
        JsonArray options = JsonNode.Parse(d.Netteamctl(topo.A, "--json", team, "options").Stdout)!.AsArray();
        Assert.Contains(options, o => o!["name"]!.GetValue<string>() == "activeport");
        JsonNode mode = JsonNode.Parse(d.Netteamctl(topo.A, "--json", team, "getoption", "mode").Stdout)!;
        Assert.Equal("activebackup", mode["value"]!.GetValue<string>());
        Assert.Equal("string", mode["type"]!.GetValue<string>());
        var bad = d.Netteamctl(topo.A, team, "monitor", "sometimes");
        Assert.Equal(1, bad.Code);
        Assert.Equal("Unknown monitor style \"sometimes\"\n", bad.Stderr);
    }
}
