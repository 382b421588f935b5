using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>
/// netteamctl convert-bond's config for each bonding mode (0 to 6, in each of its three input forms) loads in
/// netteamd and carries traffic: a daemon in A over the two ports and one in B over their peers, converted from
/// the same bond, as its partner (a static link aggregation, or LACP for 802.3ad; active-backup's primary puts
/// both sides on the first link).
/// </summary>
public class ConvertBondTests
{
    [Theory]
    [InlineData("0", "module", "roundrobin")]
    [InlineData("active-backup", "ifupdown", "activebackup")]
    [InlineData("balance-xor", "module", "loadbalance")]
    [InlineData("broadcast", "iplink", "broadcast")]
    [InlineData("802.3ad", "iplink", "lacp")]
    [InlineData("balance-tlb", "module", "loadbalance")]
    [InlineData("6", "ifupdown", "loadbalance")]
    public void EachModesConversionLoadsInNetteamdAndCarriesTraffic(string mode, string form, string runner)
    {
        using TeamTopology topo = new();
        string work = topo.LockDirectory;
        Directory.CreateDirectory(work);
        string teamA = LacpTests.TeamName();
        string teamB = LacpTests.TeamName();
        string configA = Convert(work, form, mode, teamA, topo.Ports);
        string configB = Convert(work, form, mode, teamB, topo.Peers);

        using DaemonProcess a = topo.StartDaemon(teamA, work, ["-f", configA]);
        using DaemonProcess b = topo.StartDaemon(teamB, work, ["-f", configB], topo.B);
        Assert.True(a.WaitReady(topo.A, TimeSpan.FromSeconds(30)), $"netteamd A did not start on {File.ReadAllText(configA)}: {a.Log}");
        Assert.True(b.WaitReady(topo.B, TimeSpan.FromSeconds(30)), $"netteamd B did not start on {File.ReadAllText(configB)}: {b.Log}");
        Assert.Equal(runner, a.Teamdctl(topo.A, "state", "item", "get", "setup.runner_name").Stdout.Trim());

        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", teamA);
        topo.B.Ip("addr", "add", TeamTopology.PeerIp + "/24", "dev", teamB);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);
        TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 1024 * 1024);
    }

    /// <summary>Options beyond mode and miimon that each mode's test gives, by bonding's name.</summary>
    private static Dictionary<string, string> Extra(string mode, string[] ports) => mode switch
    {
        "active-backup" => new() { ["primary"] = ports[0], ["num_grat_arp"] = "2" },
        "balance-xor" => new() { ["xmit_hash_policy"] = "layer3+4" },
        "802.3ad" => new() { ["lacp_rate"] = "fast", ["xmit_hash_policy"] = "layer2+3" },
        _ => [],
    };

    /// <summary>Runs netteamctl convert-bond on the bond in the given form; the config file its stdout is.</summary>
    private static string Convert(string work, string form, string mode, string team, string[] ports)
    {
        Dictionary<string, string> options = new() { ["mode"] = mode, ["miimon"] = "100" };
        foreach ((string key, string value) in Extra(mode, ports))
        {
            options[key] = value;
        }
        string[] args = form switch
        {
            "module" => ["--device", team, "--ports", string.Join(',', ports), string.Join(' ', options.Select(o => $"{o.Key}={o.Value}"))],
            "iplink" => ["--ports", string.Join(',', ports), "ip", "link", "add", team, "type", "bond", .. options.SelectMany(o => new[] { o.Key, o.Value })],
            _ => ["--ifupdown", Interfaces(work, team, ports, options)],
        };
        var r = Cmd.Try("dotnet", [Path.Combine(AppContext.BaseDirectory, "netteamctl.dll"), "convert-bond", .. args]);
        Assert.True(r.Code == 0, $"convert-bond {string.Join(' ', args)}: {r.Stderr}");
        Assert.All(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("# ", l, StringComparison.Ordinal));
        string path = Path.Combine(work, team + ".conf");
        File.WriteAllText(path, r.Stdout);
        return path;
    }

    /// <summary>An interfaces(5) file with the bond's stanza in ifenslave's keys (bond-NAME, '-' for '_').</summary>
    private static string Interfaces(string work, string team, string[] ports, Dictionary<string, string> options)
    {
        string path = Path.Combine(work, team + ".interfaces");
        File.WriteAllLines(path, [
            $"auto {team}",
            $"iface {team} inet manual",
            $"    bond-slaves {string.Join(' ', ports)}",
            .. options.Select(o => $"    bond-{o.Key.Replace('_', '-')} {o.Value}"),
        ]);
        return path;
    }
}
