using NetTeam.Daemon.Config;
using NetTeam.Runners;
using NetTeam.Runners.Config;

namespace NetTeam.Fuzz.Targets;

/// <summary>
/// teamd's JSON config as netteamd reads it (TeamdConfig over the key tables of NetTeam.Runners/Config and
/// ConfigReader): Check never throws and agrees with Parse, Parse throws only ConfigException, an accepted
/// config's typed views and runner do not throw, and parse(print(config)) prints the same config again.
/// </summary>
public sealed class ConfigTarget : FuzzTarget
{
    public override string Name => "config";

    public override string Description => "teamd JSON config: TeamdConfig.Check/Parse, runner validation, parse(print(config)) round trip";

    public override IReadOnlyList<byte[]> Tokens { get; } = Words(
        "\"device\"", "\"runner\"", "\"name\"", "\"ports\"", "\"link_watch\"", "\"hwaddr\"", "\"debug_level\"", "\"data_plane\"",
        "\"lacp\"", "\"activebackup\"", "\"loadbalance\"", "\"roundrobin\"", "\"broadcast\"", "\"random\"", "\"ethtool\"", "\"arp_ping\"",
        "\"nsna_ping\"", "\"tipc\"", "\"tx_hash\"", "\"tx_balancer\"", "\"fast_rate\"", "\"min_ports\"", "\"agg_select_policy\"",
        "\"hwaddr_policy\"", "\"prio\"", "\"sticky\"", "\"queue_id\"", "\"lacp_prio\"", "\"lacp_key\"", "\"interval\"", "\"missed_max\"",
        "\"source_host\"", "\"target_host\"", "\"validate_active\"", "\"vlanid\"", "\"delay_up\"", "\"delay_down\"", "\"notify_peers\"",
        "\"mcast_rejoin\"", "\"count\"", "\"sys_prio\"", "\"active\"", "\"eth\"", "\"ipv4\"", "\"l4\"", "true", "false", "null",
        "-1", "2147483648", "1e3", "0.5", "{}", "[]", "\"\"", "\"\\u0000\"");

    public override string Run(ReadOnlySpan<byte> input)
    {
        string json = Text(input);
        ConfigProblems problems = TeamdConfig.Check(json);
        TeamdConfig.Check(json, "team1", strict: true);
        TeamdConfig config;
        try
        {
            config = TeamdConfig.Parse(json);
        }
        catch (ConfigException ex)
        {
            ContractViolation.That(problems.HasErrors, $"Parse refused what Check accepted: {ex.Message}");
            ContractViolation.That(ex.Message.Length > 0, "a ConfigException without a message");
            return Label("error", ex.Message);
        }
        ContractViolation.That(!problems.HasErrors, $"Parse accepted what Check refused: {string.Join("; ", problems.Errors)}");
        Touch(config);
        string printed = TeamdConfig.Format(config.Root);
        TeamdConfig again;
        try
        {
            again = TeamdConfig.Parse(printed);
        }
        catch (ConfigException ex)
        {
            throw new ContractViolation($"the printed config does not parse again: {ex.Message}\n{printed}");
        }
        ContractViolation.Equal(printed, TeamdConfig.Format(again.Root), "parse(print(config))");
        return "ok:" + config.RunnerName + ":" + string.Join(',', config.Warnings.Select(w => Label("w", w)).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>What netteamd reads from an accepted config before it touches the system.</summary>
    private static void Touch(TeamdConfig config)
    {
        _ = config.Device;
        _ = config.Hwaddr;
        _ = config.DebugLevel;
        _ = config.DataPlane;
        _ = config.Ports.Count;
        Runner? runner = Runner.Create(config.RunnerName, config.RunnerConfig);
        ContractViolation.That(runner is not null, $"an accepted config names runner {config.RunnerName}, which does not exist");
        string? invalid = runner!.Validate();
        ContractViolation.That(invalid is null, $"an accepted config's runner refuses it: {invalid}");
    }
}
