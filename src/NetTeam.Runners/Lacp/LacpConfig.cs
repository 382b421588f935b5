using System.Text.Json.Nodes;
using NetTeam.Runners.Config;

namespace NetTeam.Runners.Lacp;

/// <summary>
/// The lacp runner's keys with teamd's defaults (libteam teamd/teamd_runner_lacp.c lacp_load_config,
/// teamd-spec §2.4): <c>active</c> true, <c>fast_rate</c> false, <c>sys_prio</c> 65535 (0 to 65535),
/// <c>min_ports</c> 1 (1 to 1024), <c>agg_select_policy</c> lacp_prio.
/// </summary>
internal sealed class LacpConfig
{
    public const int MaxMinPorts = 1024;

    private static readonly string[] s_policyNames = ["lacp_prio", "lacp_prio_stable", "bandwidth", "count", "port_config"];

    private LacpConfig()
    {
    }

    public bool Active { get; private init; } = true;

    public bool FastRate { get; private init; }

    public ushort SystemPriority { get; private init; } = 65535;

    public int MinPorts { get; private init; } = 1;

    public AggregatorSelectPolicy Policy { get; private init; }

    public string PolicyName => s_policyNames[(int)Policy];

    public static LacpConfig Default { get; } = new();

    /// <summary>The keys teamd_runner_lacp.c lacp_load_config reads (teamd-spec §2.4).</summary>
    internal static ConfigKey[] Keys { get; } =
    [
        ConfigKey.Bool("active"),
        ConfigKey.Bool("fast_rate"),
        ConfigKey.Int("sys_prio", 0, ushort.MaxValue),
        ConfigKey.Int("min_ports", 1, MaxMinPorts),
        ConfigKey.OneOf("agg_select_policy", s_policyNames),
    ];

    /// <summary>Checks (<see cref="Keys"/>) and parses the runner object; on error returns null and a message naming key, value and expectation.</summary>
    public static LacpConfig? Parse(JsonObject runner, out string? error)
    {
        ArgumentNullException.ThrowIfNull(runner);
        error = new ConfigKeyTable(Keys).FirstError(runner, "runner.");
        if (error is not null)
        {
            return null;
        }
        string? policy = ConfigReader.String(runner, "agg_select_policy");
        return new LacpConfig
        {
            Active = ConfigReader.Bool(runner, "active", true),
            FastRate = ConfigReader.Bool(runner, "fast_rate", false),
            SystemPriority = (ushort)ConfigReader.Int(runner, "sys_prio", 65535),
            MinPorts = ConfigReader.Int(runner, "min_ports", 1),
            Policy = policy is null ? AggregatorSelectPolicy.LacpPrio : (AggregatorSelectPolicy)Array.IndexOf(s_policyNames, policy),
        };
    }
}
