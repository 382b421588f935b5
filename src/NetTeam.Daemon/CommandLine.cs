namespace NetTeam.Daemon;

/// <summary>
/// teamd's command line (getopt string "hdkevf:c:p:gl:roNt:nDZ:Uu", teamd-spec §3.1): bundled short flags
/// (-gg, -dg), values attached or separate (-fFILE, -f FILE), and long options with = or a separate value,
/// abbreviated as getopt allows.
/// </summary>
internal sealed class CommandLine
{
    private static readonly (char Short, string Long, bool HasValue)[] s_options =
    [
        ('h', "help", false), ('d', "daemonize", false), ('k', "kill", false), ('e', "check", false),
        ('v', "version", false), ('f', "config-file", true), ('c', "config", true), ('p', "pid-file", true),
        ('g', "debug", false), ('l', "log-output", true), ('r', "force-recreate", false), ('o', "take-over", false),
        ('N', "no-quit-destroy", false), ('t', "team-dev", true), ('n', "no-ports", false), ('D', "dbus-enable", false),
        ('Z', "zmq-enable", true), ('U', "usock-enable", false), ('u', "usock-disable", false),
    ];

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

    /// <summary>Parses the arguments; the error says which option is wrong.</summary>
    public static CommandLine Parse(string[] args, out string? error)
    {
        CommandLine cl = new();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                string name = a[2..];
                string? value = null;
                int eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                var matches = s_options.Where(o => o.Long.StartsWith(name, StringComparison.Ordinal)).ToList();
                var exact = s_options.Where(o => o.Long == name).ToList();
                if (exact.Count == 1)
                {
                    matches = exact;
                }
                if (matches.Count != 1)
                {
                    error = matches.Count == 0 ? $"unrecognized option '--{name}'" : $"option '--{name}' is ambiguous";
                    return cl;
                }
                var opt = matches[0];
                if (opt.HasValue && value is null)
                {
                    if (i + 1 >= args.Length)
                    {
                        error = $"option '--{opt.Long}' requires an argument";
                        return cl;
                    }
                    value = args[++i];
                }
                else if (!opt.HasValue && value is not null)
                {
                    error = $"option '--{opt.Long}' doesn't allow an argument";
                    return cl;
                }
                cl.Apply(opt.Short, value);
            }
            else if (a.StartsWith('-') && a.Length > 1)
            {
                for (int j = 1; j < a.Length; j++)
                {
                    char c = a[j];
                    var opt = s_options.FirstOrDefault(o => o.Short == c);
                    if (opt.Short == '\0')
                    {
                        error = $"invalid option -- '{c}'";
                        return cl;
                    }
                    string? value = null;
                    if (opt.HasValue)
                    {
                        if (j + 1 < a.Length)
                        {
                            value = a[(j + 1)..];
                        }
                        else if (i + 1 < args.Length)
                        {
                            value = args[++i];
                        }
                        else
                        {
                            error = $"option requires an argument -- '{c}'";
                            return cl;
                        }
                        cl.Apply(c, value);
                        break;
                    }
                    cl.Apply(c, null);
                }
            }
            else
            {
                error = $"unexpected argument '{a}'";
                return cl;
            }
        }
        return cl;
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

        """;
}
