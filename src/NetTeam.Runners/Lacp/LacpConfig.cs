using System.Text.Json;
using System.Text.Json.Nodes;

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

    /// <summary>Parses the runner object; on error returns null and a message naming key, value and expectation.</summary>
    public static LacpConfig? Parse(JsonObject runner, out string? error)
    {
        ArgumentNullException.ThrowIfNull(runner);
        string? a = ConfigReader.CheckBool(runner, "active", "runner.active");
        string? f = ConfigReader.CheckBool(runner, "fast_rate", "runner.fast_rate");
        string? s = Int(runner, "sys_prio", 0, ushort.MaxValue, out int? sysPrio);
        string? m = Int(runner, "min_ports", 1, MaxMinPorts, out int? minPorts);
        error = a ?? f ?? s ?? m;
        if (error is not null)
        {
            return null;
        }
        AggregatorSelectPolicy policy = AggregatorSelectPolicy.LacpPrio;
        if (runner["agg_select_policy"] is JsonNode p)
        {
            int index = p is JsonValue v && v.TryGetValue(out string? name) ? Array.IndexOf(s_policyNames, name) : -1;
            if (index < 0)
            {
                error = $"runner.agg_select_policy: {p.ToJsonString()} is not valid (expected one of {string.Join(", ", s_policyNames)})";
                return null;
            }
            policy = (AggregatorSelectPolicy)index;
        }
        return new LacpConfig
        {
            Active = ConfigReader.Bool(runner, "active", true),
            FastRate = ConfigReader.Bool(runner, "fast_rate", false),
            SystemPriority = (ushort)(sysPrio ?? 65535),
            MinPorts = minPorts ?? 1,
            Policy = policy,
        };
    }

    private static string? Int(JsonObject runner, string key, int min, int max, out int? value)
    {
        value = null;
        if (runner[key] is not JsonNode n)
        {
            return null;
        }
        if (n is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out int i))
        {
            return $"runner.{key}: {n.ToJsonString()} is not an integer (expected {min} to {max})";
        }
        if (i < min || i > max)
        {
            return $"runner.{key}: {i} is out of range (expected {min} to {max})";
        }
        value = i;
        return null;
    }
}
