using System.Text.Json.Nodes;
using NetTeam.Device.Modes;
using NetTeam.Runners.Lacp;

namespace NetTeam.Runners;

/// <summary>
/// One runner as teamd registers it (libteam teamd/teamd.c teamd_runner_list[]: name, kernel mode, init):
/// its name, the team mode it drives, how to make it from its <c>runner</c> config, and the defaults it writes
/// back into the config (what teamd's config dump then shows).
/// </summary>
public sealed record RunnerDescriptor(string Name, string ModeName, Func<JsonObject, Runner> Create, Action<JsonObject> ApplyDefaults)
{
    /// <summary>Every runner, in teamd's order (teamd -h).</summary>
    public static IReadOnlyList<RunnerDescriptor> All { get; } =
    [
        new(RunnerNames.Broadcast, TeamModeNames.Broadcast, _ => new PassiveRunner(RunnerNames.Broadcast), NoDefaults),
        new(RunnerNames.RoundRobin, TeamModeNames.RoundRobin, _ => new PassiveRunner(RunnerNames.RoundRobin), NoDefaults),
        new(RunnerNames.Random, TeamModeNames.Random, _ => new PassiveRunner(RunnerNames.Random), NoDefaults),
        new(RunnerNames.ActiveBackup, TeamModeNames.ActiveBackup, c => new ActiveBackupRunner(c), NotifyOnce),
        new(RunnerNames.LoadBalance, TeamModeNames.LoadBalance, c => new LoadBalanceRunner(c), DefaultTxHash),
        new(RunnerNames.Lacp, TeamModeNames.LoadBalance, c => new LacpRunner(c), DefaultTxHash),
    ];

    public static RunnerDescriptor? Find(string name) => All.FirstOrDefault(d => d.Name == name);

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
