using System.Text.Json.Nodes;
using NetTeam.Device.Modes;
using NetTeam.Runners.Config;
using NetTeam.Runners.Distribution;
using NetTeam.Runners.Lacp;

namespace NetTeam.Runners;

/// <summary>
/// One runner as teamd registers it (libteam teamd/teamd.c teamd_runner_list[]: name, kernel mode, init):
/// its name, the team mode it drives, how to make it from its <c>runner</c> config, the defaults it writes
/// back into the config (what teamd's config dump then shows), and the table of its keys (their checks, and
/// which keys are unknown to it).
/// </summary>
public sealed record RunnerDescriptor(string Name, string ModeName, Func<JsonObject, Runner> Create, Action<JsonObject> ApplyDefaults, ConfigKeyTable Keys)
{
    /// <summary>
    /// The keys every runner object may have: <c>name</c> (checked by whoever picks the runner) and <c>addr</c>,
    /// which teamd reads for ZeroMQ (teamd_zmq.c; NetTeam offers no ZeroMQ, so it is accepted and unused).
    /// </summary>
    private static ConfigKey[] Common { get; } = [ConfigKey.Known("name"), ConfigKey.String("addr", "a ZeroMQ address")];

    /// <summary>Every runner, in teamd's order (teamd -h), with the keys its teamd_runner_*.c reads (teamd-spec §2.4).</summary>
    public static IReadOnlyList<RunnerDescriptor> All { get; } =
    [
        new(RunnerNames.Broadcast, TeamModeNames.Broadcast, _ => new PassiveRunner(RunnerNames.Broadcast), NoDefaults, new(Common)),
        new(RunnerNames.RoundRobin, TeamModeNames.RoundRobin, _ => new PassiveRunner(RunnerNames.RoundRobin), NoDefaults, new(Common)),
        new(RunnerNames.Random, TeamModeNames.Random, _ => new PassiveRunner(RunnerNames.Random), NoDefaults, new(Common)),
        new(RunnerNames.ActiveBackup, TeamModeNames.ActiveBackup, c => new ActiveBackupRunner(c), NotifyOnce, new([.. Common, .. ActiveBackupRunner.Keys])),
        new(RunnerNames.LoadBalance, TeamModeNames.LoadBalance, c => new LoadBalanceRunner(c), DefaultTxHash, new([.. Common, .. TxDistribution.Keys])),
        new(RunnerNames.Lacp, TeamModeNames.LoadBalance, c => new LacpRunner(c), DefaultTxHash, new([.. Common, .. LacpConfig.Keys, .. TxDistribution.Keys])),
    ];

    public static RunnerDescriptor? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>For a key this runner does not read: the runners that do, as a hint ("a key of loadbalance, lacp"), or null.</summary>
    public string? KeyOfOthers(string key)
    {
        string[] others = [.. All.Where(d => d != this && d.Keys.Contains(key)).Select(d => d.Name)];
        return others.Length == 0 ? null : $"the {Name} runner does not read it (a key of {string.Join(", ", others)})";
    }

    private static void NoDefaults(JsonObject root)
    {
    }

    /// <summary>teamd_hash_func_set writes the default hash back for both runners that hash (loadbalance, lacp).</summary>
    private static void DefaultTxHash(JsonObject root)
    {
        if (root["runner"] is JsonObject runner && runner["tx_hash"] is null)
        {
            runner["tx_hash"] = new JsonArray("eth", "ipv4", "ipv6");
        }
    }

    /// <summary>The activebackup runner inserts notify_peers and mcast_rejoin with count 1 (observed config dumps).</summary>
    private static void NotifyOnce(JsonObject root)
    {
        foreach (string counter in new[] { "notify_peers", "mcast_rejoin" })
        {
            if (root[counter] is null)
            {
                root[counter] = new JsonObject { ["count"] = 1 };
            }
        }
    }
}
