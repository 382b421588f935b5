using System.Text.Json.Nodes;
using NetTeam.Daemon.Config;

namespace NetTeam.Daemon.Tests;

public class ConfigTests
{
    public static TheoryData<string> ExampleConfigs()
    {
        TheoryData<string> data = [];
        foreach (string f in Directory.GetFiles(Path.Combine(TeamdFixtures.Root, "example_configs"), "*.conf").Order())
        {
            data.Add(Path.GetFileName(f));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleConfigs))]
    public void EveryLibteamExampleConfigLoads(string file)
    {
        string json = TeamdFixtures.Read("example_configs", file);
        TeamdConfig config = TeamdConfig.Parse(json);
        Assert.False(string.IsNullOrEmpty(config.Device));
        Assert.False(string.IsNullOrEmpty(config.RunnerName));
        Runners.Runner? runner = Runners.Runner.Create(config.RunnerName, config.RunnerConfig);
        Assert.NotNull(runner);
        Assert.Null(runner.Validate());
    }

    [Theory]
    [InlineData("activebackup")]
    [InlineData("loadbalance")]
    [InlineData("roundrobin")]
    [InlineData("broadcast")]
    [InlineData("random")]
    [InlineData("lacp")]
    public void ImplicitDefaultsAreWrittenBackAsTeamdDumpsThem(string runner)
    {
        TeamdConfig config = TeamdConfig.Parse(TeamdFixtures.Read(runner, "teamd.conf"));
        JsonNode expected = JsonNode.Parse(TeamdFixtures.Read(runner, "config_dump.json"))!;
        Assert.Equal(TeamdConfig.Format(expected), TeamdConfig.Format(config.Root));
    }

    [Fact]
    public void AnEmptyConfigMeansTeam0WithRoundrobin()
    {
        TeamdConfig config = TeamdConfig.Parse("{}");
        Assert.Equal("team0", config.Device);
        Assert.Equal("roundrobin", config.RunnerName);
        Assert.Equal("ntx9", TeamdConfig.Parse("{\"device\": \"team0\"}", "ntx9").Device);
    }

    [Theory]
    [InlineData("{\"device\": 5}", "device: 5 is not a string")]
    [InlineData("{\"device\": \"a-name-too-long-for-linux\"}", "device: \"a-name-too-long-for-linux\" is not a valid interface name")]
    [InlineData("{\"hwaddr\": \"zz:00\"}", "hwaddr: \"zz:00\" is not a MAC address")]
    [InlineData("{\"runner\": {\"name\": \"nosuchrunner\"}}", "runner.name: No runner named \"nosuchrunner\" available")]
    [InlineData("{\"runner\": \"activebackup\"}", "runner: \"activebackup\" is not an object")]
    [InlineData("{\"notify_peers\": {\"count\": -1}}", "notify_peers.count: -1 is out of range")]
    [InlineData("{\"mcast_rejoin\": {\"interval\": \"soon\"}}", "mcast_rejoin.interval: \"soon\" is not an integer")]
    [InlineData("{\"link_watch\": {\"name\": \"carrier\"}}", "link_watch.name: \"carrier\" is not a link watcher")]
    [InlineData("{\"link_watch\": [{\"name\": \"ethtool\"}, 3]}", "link_watch[1]: 3 is not an object")]
    [InlineData("{\"link_watch_policy\": \"most\"}", "link_watch_policy: \"most\" is not valid (expected any or all)")]
    [InlineData("{\"ports\": {\"eth0\": {\"prio\": \"high\"}}}", "ports.eth0.prio: \"high\" is not an integer")]
    [InlineData("{\"ports\": {\"eth0\": {\"sticky\": 1}}}", "ports.eth0.sticky: 1 is not a boolean")]
    [InlineData("{\"ports\": {\"eth0\": {\"queue_id\": 99}}}", "ports.eth0.queue_id: 99 is out of range")]
    [InlineData("{\"ports\": [\"eth0\"]}", "ports: [\"eth0\"] is not an object")]
    [InlineData("{\"device\": \"team0\",", "Failed to parse config")]
    [InlineData("[1, 2]", "the top level is [1,2], expected an object")]
    // A repeated key is refused at parse time, as libteam's json_loads(..., JSON_REJECT_DUPLICATES) does (fuzz/crashes/config).
    [InlineData("{\"link_watch\": {\"name\": \"arp_ping\", \"interval\": 1, \"interval\": 2}}", "Duplicate property 'interval'")]
    public void ConfigErrorsNameTheKeyTheValueAndTheExpectation(string json, string message)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => TeamdConfig.Parse(json));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void UnknownKeysAreWarningsNotErrors()
    {
        TeamdConfig config = TeamdConfig.Parse("{\"colour\": \"blue\", \"ports\": {\"eth0\": {\"speed\": 5}}}");
        Assert.Contains(config.Warnings, w => w.StartsWith("colour: unknown key", StringComparison.Ordinal));
        Assert.Contains(config.Warnings, w => w.StartsWith("ports.eth0.speed: unknown key", StringComparison.Ordinal));
    }

    /// <summary>The config refuses a bad runner key before anything starts; the runner's own check says the same.</summary>
    [Theory]
    [InlineData("{\"name\": \"activebackup\", \"hwaddr_policy\": \"sometimes\"}", "runner.hwaddr_policy: \"sometimes\"")]
    [InlineData("{\"name\": \"loadbalance\", \"tx_balancer\": {\"name\": \"fancy\"}}", "runner.tx_balancer.name: \"fancy\"")]
    [InlineData("{\"name\": \"loadbalance\", \"tx_balancer\": {\"name\": \"basic\", \"balancing_interval\": -5}}", "runner.tx_balancer.balancing_interval: -5")]
    public void RunnerKeysAreChecked(string runner, string error)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => TeamdConfig.Parse("{\"runner\": " + runner + "}"));
        Assert.StartsWith(error, ex.Message, StringComparison.Ordinal);
        JsonObject config = JsonNode.Parse(runner)!.AsObject();
        Assert.StartsWith(error, Runners.Runner.Create(config["name"]!.GetValue<string>(), config)!.Validate(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"active\": \"yes\"", "runner.active: \"yes\" is not a boolean (expected true or false)")]
    [InlineData("\"fast_rate\": 1", "runner.fast_rate: 1 is not a boolean (expected true or false)")]
    [InlineData("\"sys_prio\": 65536", "runner.sys_prio: 65536 is out of range (expected 0 to 65535)")]
    [InlineData("\"sys_prio\": \"high\"", "runner.sys_prio: \"high\" is not an integer (expected 0 to 65535)")]
    [InlineData("\"min_ports\": 0", "runner.min_ports: 0 is out of range (expected 1 to 1024)")]
    [InlineData("\"min_ports\": 1025", "runner.min_ports: 1025 is out of range (expected 1 to 1024)")]
    [InlineData("\"agg_select_policy\": \"fastest\"", "runner.agg_select_policy: \"fastest\" is not valid (expected one of lacp_prio, lacp_prio_stable, bandwidth, count, port_config)")]
    [InlineData("\"tx_hash\": \"eth\"", "runner.tx_hash: \"eth\" is not an array")]
    public void LacpRunnerKeysAreCheckedByNameValueAndExpectation(string key, string error)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => TeamdConfig.Parse("{\"runner\": {\"name\": \"lacp\", " + key + "}}"));
        Assert.StartsWith(error, ex.Message, StringComparison.Ordinal);
        JsonObject runner = JsonNode.Parse("{\"name\": \"lacp\", " + key + "}")!.AsObject();
        Assert.StartsWith(error, Runners.Runner.Create("lacp", runner)!.Validate(), StringComparison.Ordinal);
    }

    [Fact]
    public void LacpKeysGivenAreDumpedAsGivenAndDefaultsNotGivenAreNotAdded()
    {
        TeamdConfig config = TeamdConfig.Parse("{\"runner\": {\"name\": \"lacp\", \"min_ports\": 2}, \"ports\": {\"eth0\": {\"lacp_key\": 3}}}");
        JsonObject runner = config.RunnerConfig;
        Assert.Equal(2, runner["min_ports"]!.GetValue<int>());
        Assert.Null(runner["active"]);
        Assert.Null(runner["sys_prio"]);
        Assert.Null(runner["agg_select_policy"]);
        Assert.Equal(3, config.Ports["eth0"]!["lacp_key"]!.GetValue<int>());
        Assert.Null(config.Ports["eth0"]!["lacp_prio"]);
        Assert.Throws<ConfigException>(() => TeamdConfig.Parse("{\"runner\": {\"name\": \"lacp\"}, \"ports\": {\"eth0\": {\"lacp_prio\": 70000}}}"));
    }
}
