using NetTeam.Device;
using System.Buffers.Binary;
using System.Text.Json.Nodes;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Options;
using NetTeam.Runners.Config;
using NetTeam.Runners.State;

namespace NetTeam.Runners.Distribution;

/// <summary>
/// How the loadbalance and lacp runners spread frames over the enabled ports (libteam teamd/teamd_hash_func.c,
/// teamd_balancer.c; teamd-spec §2.4): the tx hash from <c>runner.tx_hash</c>, and the optional <c>basic</c>
/// balancer (<c>runner.tx_balancer</c>) that moves hash buckets to the least-loaded enabled port every
/// <c>balancing_interval</c>. Which ports are enabled is the runner's business.
/// </summary>
internal sealed class TxDistribution
{
    private readonly JsonObject _config;
    private HashFragments _fragments = HashFragments.Default;
    private uint? _balancingInterval;

    public TxDistribution(JsonObject runnerConfig) => _config = runnerConfig;

    /// <summary>
    /// The keys teamd_hash_func.c and teamd_balancer.c read (teamd-spec §2.4). An unknown hash fragment is a
    /// warning, as teamd only warns about one (teamd_hash_func.c); the rest of the list is used.
    /// </summary>
    internal static ConfigKey[] Keys { get; } =
    [
        new("tx_hash", false, (o, path, p) => CheckTxHash(o["tx_hash"], path, p)),
        ConfigKey.Object("tx_balancer", new ConfigKeyTable([ConfigKey.OneOf("name", ["basic"], required: true), ConfigKey.Int("balancing_interval", 0, int.MaxValue)]), "{\"name\": \"basic\"}"),
    ];

    private static void CheckTxHash(JsonNode? node, string path, ConfigProblems problems)
    {
        if (node is null)
        {
            return;
        }
        if (node is not JsonArray hashes)
        {
            problems.Error($"{path}: {node.ToJsonString()} is not an array (expected a list such as [\"eth\", \"ipv4\", \"ipv6\"])");
            return;
        }
        for (int i = 0; i < hashes.Count; i++)
        {
            JsonNode? h = hashes[i];
            string? name = h is JsonValue v && v.TryGetValue(out string? n) ? n : null;
            if (name is null || !HashFragmentNames.TryParse(name, out _))
            {
                string? near = name is null ? null : KeySuggestion.Nearest(name, HashFragmentNames.All);
                problems.Warning($"{path}[{i}]: unknown fragment {h?.ToJsonString() ?? "null"} ignored (expected one of {string.Join(", ", HashFragmentNames.All)})"
                    + (near is null ? string.Empty : $"; did you mean \"{near}\"?"));
            }
        }
    }

    /// <summary>Checks <c>tx_hash</c> and <c>tx_balancer</c> (<see cref="Keys"/>) and reads them; returns the first error or null.</summary>
    public string? Validate()
    {
        if (new ConfigKeyTable(Keys).FirstError(_config, "runner.") is string error)
        {
            return error;
        }
        if (_config["tx_hash"] is JsonArray hashes)
        {
            _fragments = HashFragments.None;
            foreach (JsonNode? h in hashes)
            {
                if (h is JsonValue v && v.TryGetValue(out string? name) && HashFragmentNames.TryParse(name, out HashFragments f))
                {
                    _fragments |= f;
                }
            }
        }
        if (_config["tx_balancer"] is JsonObject balancer)
        {
            _balancingInterval = (uint)ConfigReader.Int(balancer, "balancing_interval", 50);
        }
        return null;
    }

    /// <summary>Writes the hash and, with a balancer, the mapping method and stats interval to the device.</summary>
    public void Start(IRunnerHost host)
    {
        host.Team.SetOption(TeamOptionNames.LbTxHash, OptionValue.FromString(HashFragmentNames.Format(_fragments)));
        if (_balancingInterval is uint interval)
        {
            host.Team.SetOption(TeamOptionNames.LbTxMethod, OptionValue.FromString("hash_to_port_mapping"));
            host.Team.SetOption(TeamOptionNames.LbStatsRefreshInterval, OptionValue.FromU32(interval));
        }
    }

    /// <summary>The basic balancer: the biggest bucket first, each to the least-loaded enabled port.</summary>
    public void OptionsChanged(IRunnerHost host, IReadOnlyList<TeamOption> options)
    {
        if (_balancingInterval is null || !options.Any(o => o.Name == TeamOptionNames.LbHashStats))
        {
            return;
        }
        List<RunnerPort> enabled = [.. host.Ports.Where(p => host.Team.GetOption(TeamOptionNames.Enabled, p.Name).AsBool)];
        if (enabled.Count == 0)
        {
            return;
        }
        (int Hash, long Bytes)[] buckets = new (int, long)[TeamSnapshot.HashBuckets];
        for (int i = 0; i < buckets.Length; i++)
        {
            buckets[i] = (i, BinaryPrimitives.ReadInt64LittleEndian(host.Team.GetOption(TeamOptionNames.LbHashStats, arrayIndex: i).AsBinary));
        }
        Array.Sort(buckets, (a, b) => b.Bytes.CompareTo(a.Bytes));
        Dictionary<RunnerPort, long> load = enabled.ToDictionary(p => p, _ => 0L);
        foreach ((int hash, long bytes) in buckets)
        {
            if (bytes == 0)
            {
                break;
            }
            RunnerPort target = load.MinBy(kv => kv.Value).Key;
            load[target] += bytes;
            if (host.Team.GetOption(TeamOptionNames.LbTxHashToPortMapping, arrayIndex: hash).AsU32 != (uint)target.IfIndex)
            {
                host.Team.SetOption(TeamOptionNames.LbTxHashToPortMapping, OptionValue.FromU32((uint)target.IfIndex), arrayIndex: hash);
            }
        }
    }

    /// <summary>The state dump's <c>tx_balancer</c> object under the top-level <c>runner</c>, or null without a balancer.</summary>
    /// <summary>The balancer's <c>tx_balancer</c> object under the runner's scope, when there is a balancer.</summary>
    public void RegisterState(StateScope runner)
    {
        if (_balancingInterval is uint interval)
        {
            StateScope balancer = runner.Child("tx_balancer");
            balancer.Add("balancing_interval", StateValue.Int(() => interval));
            balancer.Add("name", StateValue.String(() => "basic"));
        }
    }
}
