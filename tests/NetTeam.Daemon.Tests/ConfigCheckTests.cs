using NetTeam.Daemon.Config;

namespace NetTeam.Daemon.Tests;

/// <summary>
/// netteamd --check-config (ConfigCheckCommand) and the problems behind it: every known-good config passes
/// without a word, each kind of mistake gets its message with the key's path, the value and what was
/// expected, all problems of a config come at once, and --strict makes an unknown key refuse the config.
/// </summary>
public class ConfigCheckTests
{
    /// <summary>libteam's example configs, and the configs and config dumps of the teamd 1.31 golden runs.</summary>
    public static TheoryData<string> KnownGoodConfigs()
    {
        TheoryData<string> data = [];
        foreach (string f in Directory.GetFiles(Path.Combine(TeamdFixtures.Root, "example_configs"), "*.conf").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TeamdFixtures.Root, f));
        }
        foreach (string runner in new[] { "activebackup", "broadcast", "lacp", "loadbalance", "random", "roundrobin" })
        {
            data.Add(Path.Combine(runner, "teamd.conf"));
            data.Add(Path.Combine(runner, "config_dump.json"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KnownGoodConfigs))]
    public void EveryExampleAndGoldenConfigPassesWithoutAWarning(string file)
    {
        string json = TeamdFixtures.Read(file);
        foreach (bool strict in new[] { false, true })
        {
            (int code, string stdout, string stderr) = Run(json, strict);
            Assert.Equal(string.Empty, stderr);
            Assert.Equal("-c: OK\n", stdout);
            Assert.Equal(0, code);
        }
        Assert.Empty(TeamdConfig.Parse(json, strict: true).Warnings);
    }

    [Theory]
    // A misspelt key: the nearest known key of that level.
    [InlineData("""{"runner": {"name": "activebackup", "hwaddr_polcy": "by_active"}}""",
        "warning: runner.hwaddr_polcy: unknown key; did you mean runner.hwaddr_policy?")]
    [InlineData("""{"ports": {"eth0": {"stikcy": true}}}""", "warning: ports.eth0.stikcy: unknown key; did you mean ports.eth0.sticky?")]
    [InlineData("""{"notify_peers": {"cuont": 2}}""", "warning: notify_peers.cuont: unknown key; did you mean notify_peers.count?")]
    [InlineData("""{"devcie": "team0"}""", "warning: devcie: unknown key; did you mean device?")]
    // Misspelt in a port's link_watch, and in an array of watchers.
    [InlineData("""{"ports": {"eth1": {"link_watch": {"name": "ethtool", "delay_upp": 100}}}}""",
        "warning: ports.eth1.link_watch.delay_upp: unknown key; did you mean ports.eth1.link_watch.delay_up?")]
    [InlineData("""{"link_watch": [{"name": "ethtool"}, {"name": "arp_ping", "target_host": "192.0.2.1", "missed_mx": 3}]}""",
        "warning: link_watch[1].missed_mx: unknown key; did you mean link_watch[1].missed_max?")]
    // Nothing close: the keys known there.
    [InlineData("""{"colour": "blue"}""",
        "warning: colour: unknown key (expected one of device, hwaddr, debug_level, runner, notify_peers, mcast_rejoin, link_watch, link_watch_policy, ports, data_plane, metrics)")]
    // Another runner's or watcher's key.
    [InlineData("""{"runner": {"name": "activebackup", "tx_hash": ["eth"]}}""",
        "warning: runner.tx_hash: unknown key; the activebackup runner does not read it (a key of loadbalance, lacp)")]
    [InlineData("""{"link_watch": {"name": "ethtool", "interval": 100}}""",
        "warning: link_watch.interval: unknown key; the ethtool link watcher does not read it (a key of arp_ping, nsna_ping)")]
    // An unknown hash fragment, which teamd ignores with a warning.
    [InlineData("""{"runner": {"name": "loadbalance", "tx_hash": ["eth", "ipv44"]}}""",
        "warning: runner.tx_hash[1]: unknown fragment \"ipv44\" ignored (expected one of eth, vlan, ipv4, ipv6, ip, l3, l4, tcp, udp, sctp); did you mean \"ipv4\"?")]
    public void AWarningNamesTheKeyAndTheConfigStillLoads(string json, string warning)
    {
        (int code, string stdout, string stderr) = Run(json, strict: false);
        Assert.Equal($"-c: {warning}\n", stderr);
        Assert.Equal("-c: OK, 1 warning\n", stdout);
        Assert.Equal(0, code);
        Assert.Equal(new[] { warning["warning: ".Length..] }, TeamdConfig.Parse(json).Warnings);
    }

    [Theory]
    // A wrong type.
    [InlineData("""{"ports": {"eth0": {"prio": "high"}}}""", "ports.eth0.prio: \"high\" is not an integer")]
    [InlineData("""{"ports": {"eth0": {"lacp_key": "one"}}}""", "ports.eth0.lacp_key: \"one\" is not an integer (expected 0 to 65535)")]
    [InlineData("""{"ports": {"eth0": {"sticky": "yes"}}}""", "ports.eth0.sticky: \"yes\" is not a boolean (expected true or false)")]
    // A value out of range.
    [InlineData("""{"ports": {"eth0": {"queue_id": 16}}}""", "ports.eth0.queue_id: 16 is out of range (expected 0 to 15)")]
    [InlineData("""{"runner": {"name": "lacp", "sys_prio": 70000}}""", "runner.sys_prio: 70000 is out of range (expected 0 to 65535)")]
    [InlineData("""{"link_watch": {"name": "arp_ping", "target_host": "192.0.2.1", "vlanid": 4096}}""", "link_watch.vlanid: 4096 is out of range (expected 0 to 4095)")]
    // An unknown runner or link watcher, with the nearest name when one is close.
    [InlineData("""{"runner": {"name": "activebakup"}}""",
        "runner.name: No runner named \"activebakup\" available (expected one of broadcast, roundrobin, random, activebackup, loadbalance, lacp); did you mean \"activebackup\"?")]
    [InlineData("""{"runner": {"name": "bonding"}}""",
        "runner.name: No runner named \"bonding\" available (expected one of broadcast, roundrobin, random, activebackup, loadbalance, lacp).")]
    [InlineData("""{"link_watch": {"name": "arp_pign", "target_host": "192.0.2.1"}}""",
        "link_watch.name: \"arp_pign\" is not a link watcher (expected one of ethtool, arp_ping, nsna_ping, tipc); did you mean \"arp_ping\"?")]
    [InlineData("""{"ports": {"eth0": {"link_watch": {"name": "miimon"}}}}""",
        "ports.eth0.link_watch.name: \"miimon\" is not a link watcher (expected one of ethtool, arp_ping, nsna_ping, tipc)")]
    // A value not among the allowed ones.
    [InlineData("""{"runner": {"name": "activebackup", "hwaddr_policy": "by_activ"}}""",
        "runner.hwaddr_policy: \"by_activ\" is not valid (expected one of same_all, by_active, only_active); did you mean \"by_active\"?")]
    [InlineData("""{"link_watch_policy": "most"}""", "link_watch_policy: \"most\" is not valid (expected any or all)")]
    public void AnErrorNamesTheKeyTheValueAndTheExpectationAndRefusesTheConfig(string json, string error)
    {
        (int code, string stdout, string stderr) = Run(json, strict: false);
        Assert.Equal($"-c: error: {error}\n-c: 1 error; the config would be refused\n", stderr);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(1, code);
        Assert.Equal(error, Assert.Throws<ConfigException>(() => TeamdConfig.Parse(json)).Message);
    }

    [Fact]
    public void StrictMakesAnUnknownKeyAnErrorThatRefusesTheConfig()
    {
        const string Json = """{"runner": {"name": "activebackup", "hwaddr_polcy": "by_active"}}""";
        (int code, string stdout, string stderr) = Run(Json, strict: true);
        Assert.Equal("-c: error: runner.hwaddr_polcy: unknown key; did you mean runner.hwaddr_policy?\n-c: 1 error; the config would be refused\n", stderr);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(1, code);
        ConfigException ex = Assert.Throws<ConfigException>(() => TeamdConfig.Parse(Json, strict: true));
        Assert.Equal("runner.hwaddr_polcy: unknown key; did you mean runner.hwaddr_policy?", ex.Message);
    }

    [Fact]
    public void EveryProblemOfAConfigIsReportedAtOnceInTheConfigsOrder()
    {
        const string Json = """
            {
                "device": 5,
                "runner": {"name": "lacp", "sys_prio": 70000, "fast_rat": true},
                "link_watch": {"name": "ethtool", "delay_up": -1},
                "ports": {
                    "eth0": {"prio": "high", "stiky": true},
                    "eth1": {"link_watch": {"name": "carrier"}}
                }
            }
            """;
        string[] expected =
        [
            "-c: error: device: 5 is not a string (expected an interface name)",
            "-c: error: runner.sys_prio: 70000 is out of range (expected 0 to 65535)",
            "-c: warning: runner.fast_rat: unknown key; did you mean runner.fast_rate?",
            "-c: error: link_watch.delay_up: -1 is out of range (expected 0 to 2147483647)",
            "-c: error: ports.eth0.prio: \"high\" is not an integer",
            "-c: warning: ports.eth0.stiky: unknown key; did you mean ports.eth0.sticky?",
            "-c: error: ports.eth1.link_watch.name: \"carrier\" is not a link watcher (expected one of ethtool, arp_ping, nsna_ping, tipc)",
            "-c: 5 errors, 2 warnings; the config would be refused",
        ];
        (int code, _, string stderr) = Run(Json, strict: false);
        Assert.Equal(expected, stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal(1, code);
        // A start refuses it with all five errors, one per line.
        string message = Assert.Throws<ConfigException>(() => TeamdConfig.Parse(Json)).Message;
        Assert.Equal(5, message.Split('\n').Length);
    }

    [Fact]
    public void ARequiredKeyThatIsMissingIsNamed()
    {
        (int code, _, string stderr) = Run("""{"link_watch": {"name": "arp_ping", "interval": 0}}""", strict: false);
        Assert.Equal(
            "-c: error: link_watch.interval: 0 is out of range (expected 1 to 2147483647)\n"
            + "-c: error: link_watch.target_host: missing (expected an IPv4 address)\n"
            + "-c: 2 errors; the config would be refused\n",
            stderr);
        Assert.Equal(1, code);
    }

    [Fact]
    public void UnparsableJsonIsOneError()
    {
        (int code, _, string stderr) = Run("{\"device\": ", strict: false);
        Assert.StartsWith("-c: error: Failed to parse config: ", stderr, StringComparison.Ordinal);
        Assert.EndsWith("-c: 1 error; the config would be refused\n", stderr, StringComparison.Ordinal);
        Assert.Equal(1, code);
    }

    [Fact]
    public void APortConfigUpdateReportsItsUnknownKeysAndStrictRefusesThem()
    {
        List<string> warnings = [];
        TeamdConfig.CheckPort("eth0", new() { ["prio"] = 1, ["lacp_prioo"] = 3 }, globalWatch: false, warnings);
        Assert.Equal(new[] { "ports.eth0.lacp_prioo: unknown key; did you mean ports.eth0.lacp_prio?" }, warnings);
        ConfigException ex = Assert.Throws<ConfigException>(() => TeamdConfig.CheckPort("eth0", new() { ["lacp_prioo"] = 3 }, false, [], strict: true));
        Assert.Equal("ports.eth0.lacp_prioo: unknown key; did you mean ports.eth0.lacp_prio?", ex.Message);
    }

    [Fact]
    public void TheCommandLineTakesCheckConfigAndStrict()
    {
        CommandLine cl = CommandLine.Parse(["--check-config", "--strict", "-f", "/etc/netteam/team0.conf"], out string? error);
        Assert.Null(error);
        Assert.True(cl.CheckConfig);
        Assert.True(cl.Strict);
        Assert.Contains("--check-config", CommandLine.HelpText, StringComparison.Ordinal);
        Assert.Contains("--strict", CommandLine.HelpText, StringComparison.Ordinal);
    }

    private static (int Code, string Stdout, string Stderr) Run(string json, bool strict)
    {
        StringWriter stdout = new() { NewLine = "\n" };
        StringWriter stderr = new() { NewLine = "\n" };
        int code = ConfigCheckCommand.Run(json, "-c", null, strict, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
