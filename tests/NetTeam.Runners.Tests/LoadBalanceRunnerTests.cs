using System.Buffers.Binary;
using System.Text.Json.Nodes;
using NetTeam.Device.Options;
using NetTeam.Runners.Config;

namespace NetTeam.Runners.Tests;

public class LoadBalanceRunnerTests
{
    [Fact]
    public void TxHashReachesTheDeviceAndDownPortsAreDisabled()
    {
        const string Config = """{"name": "loadbalance", "tx_hash": ["eth", "l4", "nonsense"]}""";
        using RunnerHarness h = new(Config, "eth0", "eth1");
        Assert.Equal("eth,tcp,udp,sctp", h.Team.GetOption("lb_tx_hash").AsString);
        // The unknown fragment is ignored; the config check, before any runner starts, warns about it.
        ConfigProblems problems = new();
        RunnerDescriptor.Find("loadbalance")!.Keys.Check(JsonNode.Parse(Config)!.AsObject(), "runner.", problems);
        Assert.Contains(problems.Warnings, m => m.StartsWith("runner.tx_hash[2]: unknown fragment \"nonsense\" ignored", StringComparison.Ordinal));
        RunnerPort eth0 = h.Add("eth0");
        h.Add("eth1");
        Assert.True(h.Enabled("eth0"));
        h.SetLink(eth0, false);
        Assert.False(h.Enabled("eth0"));
        h.SetLink(eth0, true);
        Assert.True(h.Enabled("eth0"));
    }

    [Fact]
    public void TheBasicBalancerSpreadsTheHeaviestBucketsOverThePorts()
    {
        using RunnerHarness h = new("""{"name": "loadbalance", "tx_balancer": {"name": "basic", "balancing_interval": 10}}""", "eth0", "eth1");
        Assert.Equal("hash_to_port_mapping", h.Team.GetOption("lb_tx_method").AsString);
        Assert.Equal(10u, h.Team.GetOption("lb_stats_refresh_interval").AsU32);
        h.Add("eth0");
        h.Add("eth1");
        // Three heavy buckets: the balancer puts the two lighter ones together, against the heaviest.
        SetStats(h, (7, 1000), (9, 600), (11, 500));
        h.Runner.OptionsChanged(h, [.. h.Team.ListOptions().Where(o => o.Name == "lb_hash_stats")]);
        uint p7 = h.Team.GetOption("lb_tx_hash_to_port_mapping", arrayIndex: 7).AsU32;
        uint p9 = h.Team.GetOption("lb_tx_hash_to_port_mapping", arrayIndex: 9).AsU32;
        uint p11 = h.Team.GetOption("lb_tx_hash_to_port_mapping", arrayIndex: 11).AsU32;
        Assert.NotEqual(p7, p9);
        Assert.Equal(p9, p11);
        Assert.NotEqual(0u, p7);
    }

    private static void SetStats(RunnerHarness h, params (int Hash, long Bytes)[] stats)
    {
        // The device computes lb_hash_stats from the data plane's per-bucket byte counts on refresh.
        foreach ((int hash, long bytes) in stats)
        {
            h.DataPlane.HashBytes[hash] = bytes;
        }
        h.Time.Advance(TimeSpan.FromSeconds(1.1));
        foreach ((int hash, long bytes) in stats)
        {
            Assert.Equal(bytes, BinaryPrimitives.ReadInt64LittleEndian(h.Team.GetOption("lb_hash_stats", arrayIndex: hash).AsBinary));
        }
    }
}
