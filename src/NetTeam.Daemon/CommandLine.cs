namespace NetTeam.Daemon;

/// <summary>
/// teamd's command line (getopt string "hdkevf:c:p:gl:roNt:nDZ:Uu", teamd-spec §3.1): bundled short flags
/// (-gg, -dg), values attached or separate (-fFILE, -f FILE), and long options with = or a separate value,
/// abbreviated as getopt allows.
/// </summary>
internal sealed class CommandLine
{
    private static readonly Option[] s_options =
    [
        new('h', "help", false), new('d', "daemonize", false), new('k', "kill", false), new('e', "check", false),
        new('v', "version", false), new('f', "config-file", true), new('c', "config", true), new('p', "pid-file", true),
        new('g', "debug", false), new('l', "log-output", true), new('r', "force-recreate", false), new('o', "take-over", false),
        new('N', "no-quit-destroy", false), new('t', "team-dev", true), new('n', "no-ports", false), new('D', "dbus-enable", false),
        new('Z', "zmq-enable", true), new('U', "usock-enable", false), new('u', "usock-disable", false),

        // NetTeam's own, long only (its short letter cannot be typed).
        new(DataPlaneOption, "data-plane", true), new(DetachOption, "detach", false), new(DestroyOption, "destroy", false),
        new(CheckConfigOption, "check-config", false), new(StrictOption, "strict", false),
        new(MetricsListenOption, "metrics-listen", true),
    ];

    private const char DataPlaneOption = '\u0001';
    private const char DetachOption = '\u0002';
    private const char DestroyOption = '\u0003';
    private const char CheckConfigOption = '\u0004';
    private const char StrictOption = '\u0005';
    private const char MetricsListenOption = '\u0006';

    public bool Help { get; private set; }

    public bool Daemonize { get; private set; }

    public bool Kill { get; private set; }

    public bool Check { get; private set; }

    public bool Version { get; private set; }

    public string? ConfigFile { get; private set; }

    public string? ConfigText { get; private set; }

    public string? PidFile { get; private set; }

    public int Debug { get; private set; }

    public string? LogOutput { get; private set; }

    public bool ForceRecreate { get; private set; }

    public bool TakeOver { get; private set; }

    public bool NoQuitDestroy { get; private set; }

    public string? TeamDevice { get; private set; }

    public bool NoPorts { get; private set; }

    public bool Dbus { get; private set; }

    public string? Zmq { get; private set; }

    public bool UsockDisabled { get; private set; }

    /// <summary>--detach: the running daemon ends and leaves the team forwarding, for the next one (systemd's ExecStop).</summary>
    public bool Detach { get; private set; }

    /// <summary>--destroy: the team goes, running daemon or not: its ports restored, its interface and pins removed.</summary>
    public bool Destroy { get; private set; }

    /// <summary>--check-config: check the config of -f or -c, print every problem, touch nothing, exit 0 or 1.</summary>
    public bool CheckConfig { get; private set; }

    /// <summary>--strict: a config warning (an unknown key) is an error, so the config is refused.</summary>
    public bool Strict { get; private set; }

    /// <summary>--data-plane: auto, ebpf or userspace (NetTeam's; overrides the config's data_plane).</summary>
    public string? DataPlane { get; private set; }

    /// <summary>--metrics-listen: ADDRESS:PORT to serve the metrics on over HTTP (NetTeam's; overrides the config's metrics.listen).</summary>
    public string? MetricsListen { get; private set; }

    /// <summary>Parses the arguments; the error says which option is wrong, in getopt's words.</summary>
    public static CommandLine Parse(string[] args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        CommandLine cl = new();
        error = null;
        for (int i = 0; i < args.Length && error is null; i++)
        {
            string a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                error = cl.ParseLong(args, ref i);
            }
            else if (a.StartsWith('-') && a.Length > 1)
            {
                error = cl.ParseShort(args, ref i);
            }
            else
            {
                error = $"unexpected argument '{a}'";
            }
        }
        return cl;
    }

    /// <summary>--name, --name=value or --name value, with name any unambiguous prefix (getopt_long).</summary>
    private string? ParseLong(string[] args, ref int i)
    {
        string name = args[i][2..];
        string? value = null;
        int eq = name.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0)
        {
            value = name[(eq + 1)..];
            name = name[..eq];
        }
        if (FindLong(name, out Option opt) is string error)
        {
            return error;
        }
        if (opt.HasValue && value is null)
        {
            if (i + 1 >= args.Length)
            {
                return $"option '--{opt.Long}' requires an argument";
            }
            value = args[++i];
        }
        else if (!opt.HasValue && value is not null)
        {
            return $"option '--{opt.Long}' doesn't allow an argument";
        }
        Apply(opt.Short, value);
        return null;
    }

    /// <summary>The option a long name or its prefix names; an exact name wins over longer ones it prefixes.</summary>
    private static string? FindLong(string name, out Option option)
    {
        List<Option> matches = [.. s_options.Where(o => o.Long.StartsWith(name, StringComparison.Ordinal))];
        List<Option> exact = [.. s_options.Where(o => o.Long == name)];
        if (exact.Count == 1)
        {
            matches = exact;
        }
        option = matches.Count == 1 ? matches[0] : default;
        return matches.Count switch
        {
            1 => null,
            0 => $"unrecognized option '--{name}'",
            _ => $"option '--{name}' is ambiguous",
        };
    }

    /// <summary>Bundled short flags (-gg); an option with a value takes the rest of the word or the next one.</summary>
    private string? ParseShort(string[] args, ref int i)
    {
        string a = args[i];
        for (int j = 1; j < a.Length; j++)
        {
            char c = a[j];
            Option opt = Array.Find(s_options, o => o.Short == c);
            if (opt.Short == '\0')
            {
                return $"invalid option -- '{c}'";
            }
            if (!opt.HasValue)
            {
                Apply(c, null);
                continue;
            }
            if (j + 1 < a.Length)
            {
                Apply(c, a[(j + 1)..]);
            }
            else if (i + 1 < args.Length)
            {
                Apply(c, args[++i]);
            }
            else
            {
                return $"option requires an argument -- '{c}'";
            }
            return null;
        }
        return null;
    }

    private void Apply(char option, string? value)
    {
        switch (option)
        {
            case 'h': Help = true; break;
            case 'd': Daemonize = true; break;
            case 'k': Kill = true; break;
            case 'e': Check = true; break;
            case 'v': Version = true; break;
            case 'f': ConfigFile = value; break;
            case 'c': ConfigText = value; break;
            case 'p': PidFile = value; break;
            case 'g': Debug++; break;
            case 'l': LogOutput = value; break;
            case 'r': ForceRecreate = true; break;
            case 'o': TakeOver = true; break;
            case 'N': NoQuitDestroy = true; break;
            case 't': TeamDevice = value; break;
            case 'n': NoPorts = true; break;
            case 'D': Dbus = true; break;
            case 'Z': Zmq = value; break;
            case 'U': UsockDisabled = false; break;
            case 'u': UsockDisabled = true; break;
            case DataPlaneOption: DataPlane = value; break;
            case DetachOption: Detach = true; break;
            case DestroyOption: Destroy = true; break;
            case CheckConfigOption: CheckConfig = true; break;
            case StrictOption: Strict = true; break;
            case MetricsListenOption: MetricsListen = value; break;
        }
    }

    /// <summary>teamd -h's text, ending with the runners, as teamd lists them (one line, with a newline).</summary>
    public static string HelpText { get; } = HelpBody + "Available runners: " + string.Join(", ", Runners.Runner.Names) + "\n";

    private const string HelpBody = """
        netteamd [options]
            -h --help                Show this help
            -d --daemonize           Daemonize after startup
            -k --kill                Kill running daemon instance
            -e --check               Return 0 if a daemon is already running
            -v --version             Show version
            -f --config-file=FILE    Load the specified configuration file
            -c --config=TEXT         Use given config string (This causes configuration
                                     file will be ignored)
            -p --pid-file=FILE       Use the specified PID file
            -g --debug               Increase verbosity
            -l --log-output          Force teamd log output to stdout, stderr or syslog
            -r --force-recreate      Force team device recreation in case it
                                     already exists
            -o --take-over           Take over the device if it already exists
            -N --no-quit-destroy     Do not destroy the device on quit
            -t --team-dev=DEVNAME    Use the specified team device
            -n --no-ports            Start without ports
            -D --dbus-enable         Enable D-Bus interface (not supported by NetTeam)
            -Z --zmq-enable=ADDRESS  Enable ZeroMQ interface (not supported by NetTeam)
            -U --usock-enable        Enable UNIX domain socket interface
            -u --usock-disable       Disable UNIX domain socket interface
               --data-plane=PLANE    auto, ebpf or userspace (NetTeam; overrides data_plane)
               --detach              End the running daemon, keeping the team for the next (NetTeam)
               --destroy             Remove the team, running or left behind, restoring its ports (NetTeam)
               --check-config        Check the config of -f or -c, print every problem and exit
                                     (0: it loads, 1: it would be refused); touches nothing (NetTeam)
               --strict              Refuse a config with warnings, such as an unknown key (NetTeam)
               --metrics-listen=ADDR:PORT
                                     Serve Prometheus metrics over HTTP on ADDR:PORT, such as
                                     127.0.0.1:9786 or [::1]:9786 (NetTeam; overrides metrics.listen)

        """;

    /// <summary>One option: its letter, its long name, and whether it takes a value (getopt's "f:").</summary>
    private readonly record struct Option(char Short, string Long, bool HasValue);
}
