using NetTeam.Cli.Top;
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
        netteamctl [-o] convert-bond BONDING_OPTIONS...   (no team: see netteamctl convert-bond -h)
            -h --help                Show this help
            -V --version             Show version
            -v --verbose             Increase output verbosity
            -o --oneline             Force output to one line if possible
            -p --port IF             (teamnl commands) address the per-port option instance
            -a --array-index N       (teamnl commands) address an array option element
            -j --json                print JSON for scripts: state view, state item get, port present,
                                     the teamnl commands, statistics, top (the dumps are JSON already)
               --once                (top) print one frame and exit
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
            statistics               the data plane's counters of the team and each port
            top                      a live view, redrawn once a second: ports, rates, LACP, link watches
                                     (q quits; p, l, w or Tab switch panes; changes nothing)
            metrics                  the daemon's metrics in Prometheus' text format (for node_exporter's
                                     textfile collector)
        without a team:
            convert-bond [--device NAME] [--ports IF,IF] BONDING_OPTIONS...
            convert-bond --ifupdown FILE [--iface NAME]
                                     print the teamd config for bonding's module options, ip link's bond
                                     arguments or an ifupdown stanza (JSON on stdout, notes on stderr)
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
        new("top", 0, TopCommand.Run),
        new("metrics", 0, MetricsCommand.Run),
    ];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, ConnectHere, terminal: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);

    /// <summary>
    /// As <see cref="Run(string[], TextWriter, TextWriter)"/>, with the daemon reached through <paramref name="connect"/>
    /// (tests pair a client with a daemon stand-in); <paramref name="terminal"/> tells whether stdout is a terminal.
    /// </summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, TeamdClient> connect, bool terminal)
    {
        ArgumentNullException.ThrowIfNull(connect);
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
        if (options.Words is [ConvertBondCommand.Name, ..])
        {
            return ConvertBondCommand.Run([.. options.Words.Skip(1)], options.OneLine, stdout, stderr);
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
        try
        {
            using TeamdClient client = connect(team);
            return known.Handler(new CtlContext(client, options, stdout, stderr) { Team = team, Terminal = terminal }, operands);
        }
        catch (ControlException ex)
        {
            stderr.WriteLine(ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidCastException or KeyNotFoundException or OverflowException)
        {
            // JSON of the wrong shape (a number where a name belongs, an object where a list does): the reply
            // is the daemon's fault, not a reason for netteamctl to end with a stack trace.
            stderr.WriteLine($"The daemon's reply is not what {string.Join(' ', command)} expects: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The daemon of a team in this network namespace, after teamdctl's check that the team netdev exists.</summary>
    private static TeamdClient ConnectHere(string team) =>
        Directory.Exists(Path.Combine("/sys/class/net", team))
            ? TeamdClient.Connect(team)
            : throw new ControlException($"Device \"{team}\" does not exist");

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
