using System.Text.RegularExpressions;
using NetTeam.Daemon.Config;
using NetTeam.Runners;
using NetTeam.Runners.Config;
using NetTeam.Runners.LinkWatchers;

namespace NetTeam.Daemon.Tests;

/// <summary>
/// The keys each level of the config knows are those teamd reads (teamd-spec §2.2 to §2.6; libteam teamd/*.c),
/// taken from the tables that also check them; and the nearest-key suggestion is made only for a near miss.
/// </summary>
public partial class KnownKeyTests
{
    /// <summary>
    /// The other direction of drift: a key the code reads (ConfigReader.Int(config, "key", ...), config["key"],
    /// Root["key"]) that no table knows would draw an "unknown key" warning on a config that uses it.
    /// </summary>
    [Fact]
    public void EveryKeyTheCodeReadsIsInATable()
    {
        HashSet<string> known =
        [
            .. TeamdConfigKeys.Top.Names, .. TeamdConfigKeys.Port.Names,
            .. RunnerDescriptor.All.SelectMany(d => d.Keys.Names), .. LinkWatchDescriptor.All.SelectMany(d => d.Keys.Names),
            // The nested objects: notify_peers/mcast_rejoin and runner.tx_balancer.
            "count", "interval", "balancing_interval",
        ];
        string src = FindSrc();
        List<string> read = [];
        foreach (string file in new[] { "NetTeam.Runners", "NetTeam.Daemon" }.SelectMany(p => Directory.EnumerateFiles(Path.Combine(src, p), "*.cs", SearchOption.AllDirectories)))
        {
            if (!file.Contains("/obj/", StringComparison.Ordinal))
            {
                read.AddRange(KeyRead().Matches(File.ReadAllText(file)).Select(m => m.Groups["key"].Value));
            }
        }
        Assert.Contains("hwaddr_policy", read);
        Assert.Contains("lacp_prio", read);
        Assert.Empty(read.Where(k => !known.Contains(k)).Distinct());
    }

    [GeneratedRegex("""ConfigReader\.(?:Int|Bool|String)\(\w+, "(?<key>\w+)"|(?:[Cc]onfig|Root)\["(?<key>\w+)"\]""")]
    private static partial Regex KeyRead();

    private static string FindSrc()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "NetTeam.slnx")))
            {
                return Path.Combine(d.FullName, "src");
            }
        }
        throw new DirectoryNotFoundException("NetTeam.slnx not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void TheTopLevelAndThePortsKnowTeamdsKeysAndDataPlaneAndMetrics()
    {
        Assert.Equal(["device", "hwaddr", "debug_level", "runner", "notify_peers", "mcast_rejoin", "link_watch", "link_watch_policy", "ports", "data_plane", "metrics"], TeamdConfigKeys.Top.Names);
        Assert.Equal(["prio", "sticky", "queue_id", "lacp_prio", "lacp_key", "link_watch"], TeamdConfigKeys.Port.Names);
    }

    [Theory]
    [InlineData("broadcast", "name addr")]
    [InlineData("roundrobin", "name addr")]
    [InlineData("random", "name addr")]
    [InlineData("activebackup", "name addr hwaddr_policy")]
    [InlineData("loadbalance", "name addr tx_hash tx_balancer")]
    [InlineData("lacp", "name addr active fast_rate sys_prio min_ports agg_select_policy tx_hash tx_balancer")]
    public void EachRunnerKnowsTheKeysItsTeamdRunnerReads(string runner, string keys) =>
        Assert.Equal(keys.Split(' '), RunnerDescriptor.Find(runner)!.Keys.Names);

    [Theory]
    [InlineData("ethtool", "name delay_up delay_down")]
    [InlineData("arp_ping", "name interval init_wait missed_max source_host target_host validate_active validate_inactive vlanid send_always")]
    [InlineData("nsna_ping", "name interval init_wait missed_max target_host")]
    [InlineData("tipc", "name tipc_bearer")]
    public void EachLinkWatcherKnowsTheKeysItsTeamdWatcherReads(string watcher, string keys) =>
        Assert.Equal(keys.Split(' '), LinkWatchDescriptor.Find(watcher)!.Keys.Names);

    [Theory]
    [InlineData("hwaddr_polcy", "hwaddr_policy")]
    [InlineData("stikcy", "sticky")]
    [InlineData("Prio", "prio")]
    [InlineData("fastrate", "fast_rate")]
    [InlineData("delay_upp", "delay_up")]
    [InlineData("target", null)]
    [InlineData("colour", null)]
    [InlineData("pri", "prio")]
    [InlineData("xy", null)]
    public void OnlyANearMissGetsASuggestion(string typed, string? suggested)
    {
        string[] known = ["prio", "sticky", "hwaddr_policy", "fast_rate", "delay_up", "delay_down", "target_host", "lacp_prio"];
        Assert.Equal(suggested, KeySuggestion.Nearest(typed, known));
    }

    [Theory]
    [InlineData("", "abc", 3)]
    [InlineData("sticky", "stikcy", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("PRIO", "prio", 0)]
    public void TheDistanceCountsEditsAndSwaps(string a, string b, int distance) => Assert.Equal(distance, KeySuggestion.Distance(a, b));
}
