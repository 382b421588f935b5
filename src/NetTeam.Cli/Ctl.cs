using NetTeam.Control;
using NetTeam.Control.Client;

namespace NetTeam.Cli;

/// <summary>
/// The commands of netteamctl: teamdctl's (config/state/port, libteam utils/teamdctl.c) and teamnl's
/// (ports/options/getoption/setoption, libteam utils/teamnl.c), with their output formats. Exit code 0 or 1,
/// errors on stderr.
/// </summary>
internal static class Ctl
{
    public const string Usage = """
        netteamctl [options] TEAM command [command args]
            -h --help                Show this help
            -V --version             Show version
            -v --verbose             Increase output verbosity
            -o --oneline             Force output to one line if possible
            -p --port IF             (teamnl commands) address the per-port option instance
            -a --array-index N       (teamnl commands) address an array option element
            -j --json                (teamnl commands, statistics) print JSON for scripts
        teamdctl commands:
            config dump [noports|actual]
            state [dump|view]
            state item get ITEMPATH
            state item set ITEMPATH VALUE
            port add|remove|present PORTDEV
            port config update PORTDEV PORTCONFIG
            port config dump PORTDEV
        teamnl commands:
            ports
            options
            getoption OPT_NAME
            setoption OPT_NAME OPT_VALUE
            monitor [changed|all]    (until interrupted)
        NetTeam commands:
            statistics               the data plane's counters of the team and each port (-j for JSON)
            metrics                  the daemon's metrics in Prometheus' text format (for node_exporter's
                                     textfile collector)
        """;

    /// <summary>Every command, by its words and operands (teamdctl's and teamnl's grammar, as in <see cref="Usage"/>).</summary>
    private static readonly CtlCommand[] s_commands =
    [
        new("config dump", 0, TeamdctlCommands.ConfigDump),
        new("config dump noports", 0, TeamdctlCommands.ConfigDumpNoPorts),
        new("config dump actual", 0, TeamdctlCommands.ConfigDumpActual),
        new("state", 0, TeamdctlCommands.StateView),
        new("state view", 0, TeamdctlCommands.StateView),
        new("state dump", 0, TeamdctlCommands.StateDump),
        new("state item get", 1, TeamdctlCommands.StateItemGet),
        new("state item set", 2, TeamdctlCommands.StateItemSet),
        new("port add", 1, TeamdctlCommands.PortAdd),
        new("port remove", 1, TeamdctlCommands.PortRemove),
        new("port present", 1, TeamdctlCommands.PortPresent),
        new("port config update", 2, TeamdctlCommands.PortConfigUpdate),
        new("port config dump", 1, TeamdctlCommands.PortConfigDump),
        new("ports", 0, TeamnlCommands.Ports),
        new("options", 0, TeamnlCommands.Options),
        new("getoption", 1, TeamnlCommands.GetOption),
        new("setoption", 2, TeamnlCommands.SetOption),
        new("monitor", 1, TeamnlCommands.Monitor, Optional: 1),
        new("statistics", 0, StatisticsCommand.Run),
        new("metrics", 0, MetricsCommand.Run),
    ];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        CtlOptions options = CtlOptions.Parse(args);
        if (options.Help)
        {
            stdout.Write(Usage);
            return 0;
        }
        if (options.Version)
        {
            stdout.WriteLine("netteamctl " + NetTeamVersion.Text);
            return 0;
        }
        if (options.Error is string error)
        {
            stderr.WriteLine(error);
            return 1;
        }
        if (options.Words.Count < 2)
        {
            stdout.Write(Usage);
            return 1;
        }
        string team = options.Words[0];
        string[] command = [.. options.Words.Skip(1)];
        if (Find(command) is not (CtlCommand known, string[] operands))
        {
            stdout.Write(Usage);
            stderr.WriteLine($"Unknown command \"{string.Join(' ', command)}\".");
            return 1;
        }
        // teamdctl first checks that the team netdev exists in this network namespace.
        if (!Directory.Exists(Path.Combine("/sys/class/net", team)))
        {
            stderr.WriteLine($"Device \"{team}\" does not exist");
            return 1;
        }
        try
        {
            using TeamdClient client = TeamdClient.Connect(team);
            return known.Handler(new CtlContext(client, options, stdout, stderr) { Team = team }, operands);
        }
        catch (ControlException ex)
        {
            stderr.WriteLine(ex.Message);
            return 1;
        }
    }

    /// <summary>The command these words name, and its operands; null for none.</summary>
    private static (CtlCommand Command, string[] Operands)? Find(string[] words)
    {
        foreach (CtlCommand c in s_commands)
        {
            if (c.Match(words) is string[] operands)
            {
                return (c, operands);
            }
        }
        return null;
    }
}
