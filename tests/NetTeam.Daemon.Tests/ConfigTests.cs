using System.Text.Json.Nodes;
using NetTeam.Daemon.Config;

namespace NetTeam.Daemon.Tests;

public class ConfigTests
{
    public static TheoryData<string> ExampleConfigs()
    {
        TheoryData<string> data = [];
        foreach (string f in Directory.GetFiles(Path.Combine(Reference.Root, "example_configs"), "*.conf").Order())
        {
            data.Add(Path.GetFileName(f));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleConfigs))]
    public void EveryLibteamExampleConfigLoads(string file)
    {
        string json = Reference.Read("example_configs", file);
        if (file.StartsWith("lacp", StringComparison.Ordinal))
        {
            // The lacp runner has its own issue; until then the config is read and refused by name.
            ConfigException ex = Assert.Throws<ConfigException>(() => TeamdConfig.Parse(json));
            Assert.Contains("runner.name", ex.Message);
            Assert.Contains("lacp", ex.Message);
            return;
        }
        TeamdConfig config = TeamdConfig.Parse(json);
        Assert.False(string.IsNullOrEmpty(config.Device));
        Assert.False(string.IsNullOrEmpty(config.RunnerName));
        Assert.NotNull(Runners.Runner.Create(config.RunnerName, config.RunnerConfig));
    }

    [Theory]
    [InlineData("activebackup")]
    [InlineData("loadbalance")]
    [InlineData("roundrobin")]
    [InlineData("broadcast")]
    [InlineData("random")]
    public void ImplicitDefaultsAreWrittenBackAsTeamdDumpsThem(string runner)
    {
        TeamdConfig config = TeamdConfig.Parse(Reference.Read(runner, "teamd.conf"));
        JsonNode expected = JsonNode.Parse(Reference.Read(runner, "config_dump.json"))!;
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
    public void ConfigErrorsNameTheKeyTheValueAndTheExpectation(string json, string message)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => TeamdConfig.Parse(json));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void UnknownKeysAreWarningsNotErrors()
    {
        TeamdConfig config = TeamdConfig.Parse("{\"colour\": \"blue\", \"ports\": {\"eth0\": {\"speed\": 5}}}");
        Assert.Contains(config.Warnings, w => w.Contains("\"colour\"", StringComparison.Ordinal));
        Assert.Contains(config.Warnings, w => w.Contains("ports.eth0.speed", StringComparison.Ordinal));
    }

    [Fact]
    public void RunnerKeysAreChecked()
    {
        TeamdConfig ab = TeamdConfig.Parse("{\"runner\": {\"name\": \"activebackup\", \"hwaddr_policy\": \"sometimes\"}}");
        Assert.Contains("runner.hwaddr_policy: \"sometimes\"", Runners.Runner.Create(ab.RunnerName, ab.RunnerConfig)!.Validate());
        TeamdConfig lb = TeamdConfig.Parse("{\"runner\": {\"name\": \"loadbalance\", \"tx_balancer\": {\"name\": \"fancy\"}}}");
        Assert.Contains("runner.tx_balancer.name: \"fancy\"", Runners.Runner.Create(lb.RunnerName, lb.RunnerConfig)!.Validate());
        TeamdConfig lb2 = TeamdConfig.Parse("{\"runner\": {\"name\": \"loadbalance\", \"tx_balancer\": {\"name\": \"basic\", \"balancing_interval\": -5}}}");
        Assert.Contains("balancing_interval: -5", Runners.Runner.Create(lb2.RunnerName, lb2.RunnerConfig)!.Validate());
    }
}
