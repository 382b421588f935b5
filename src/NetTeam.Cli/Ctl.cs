using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTeam.Control.Client;
using NetTeam.Control.Protocol;

namespace NetTeam.Cli;

/// <summary>
/// The commands of netteamctl: teamdctl's (config/state/port, libteam utils/teamdctl.c) and teamnl's
/// (ports/options/getoption/setoption, libteam utils/teamnl.c), with their output formats. Exit code 0 or 1,
/// errors on stderr.
/// </summary>
internal static class Ctl
{
    private static readonly JsonSerializerOptions s_json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public const string Usage = """
        netteamctl [options] TEAM command [command args]
            -h --help                Show this help
            -v --verbose             Increase output verbosity
            -o --oneline             Force output to one line if possible
            -p --port IF             (teamnl commands) address the per-port option instance
            -a --array-index N       (teamnl commands) address an array option element
            -j --json                (teamnl commands) print JSON for scripts instead of teamnl's text
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
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        bool verbose = false, oneLine = false, json = false;
        string? port = null;
        int? arrayIndex = null;
        List<string> rest = [];
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "-h" or "--help":
                    stdout.Write(Usage);
                    return 0;
                case "-v" or "--verbose":
                    verbose = true;
                    break;
                case "-o" or "--oneline":
                    oneLine = true;
                    break;
                case "-j" or "--json":
                    json = true;
                    break;
                case "-p" or "--port" or "--port_name" when i + 1 < args.Length:
                    port = args[++i];
                    break;
                case "-a" or "--array-index" or "--array_index" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out int idx))
                    {
                        stderr.WriteLine($"Invalid array index \"{args[i]}\".");
                        return 1;
                    }
                    arrayIndex = idx;
                    break;
                default:
                    if (a.StartsWith("--port=", StringComparison.Ordinal))
                    {
                        port = a["--port=".Length..];
                    }
                    else if (a.StartsWith("--array-index=", StringComparison.Ordinal) || a.StartsWith("--array_index=", StringComparison.Ordinal))
                    {
                        arrayIndex = int.Parse(a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        rest.Add(a);
                    }
                    break;
            }
        }
        if (rest.Count < 2)
        {
            stdout.Write(Usage);
            return 1;
        }
        string team = rest[0];
        string[] cmd = [.. rest.Skip(1)];
        if (!Known(cmd))
        {
            stdout.Write(Usage);
            stderr.WriteLine($"Unknown command \"{string.Join(' ', cmd)}\".");
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
            return Execute(client, cmd, new Flags(verbose, oneLine, json, port, arrayIndex), stdout, stderr);
        }
        catch (ControlException ex)
        {
            stderr.WriteLine(ex.Message);
            return 1;
        }
    }

    private static bool Known(string[] c) => c switch
    {
        ["config", "dump"] or ["config", "dump", "noports" or "actual"] => true,
        ["state"] or ["state", "dump" or "view"] or ["state", "item", "get", _] or ["state", "item", "set", _, _] => true,
        ["port", "add" or "remove" or "present", _] or ["port", "config", "update", _, _] or ["port", "config", "dump", _] => true,
        ["ports"] or ["options"] or ["getoption", _] or ["setoption", _, _] => true,
        ["monitor"] or ["monitor", _] => true,
        _ => false,
    };

    private sealed record Flags(bool Verbose, bool OneLine, bool Json, string? Port, int? ArrayIndex);

    private static int Execute(TeamdClient client, string[] c, Flags flags, TextWriter stdout, TextWriter stderr)
    {
        bool verbose = flags.Verbose, oneLine = flags.OneLine;
        switch (c)
        {
            case ["config", "dump", ..]:
            {
                ControlReply r = c.Length == 3 && c[2] == "actual" ? client.ConfigDumpActual() : client.ConfigDump();
                if (!Ok(r, stderr, out JsonNode? json))
                {
                    return 1;
                }
                if (c.Length == 3 && c[2] == "noports")
                {
                    json!.AsObject().Remove("ports");
                }
                stdout.WriteLine(StateView.FormatJson(json!, oneLine));
                return 0;
            }
            case ["state", "dump"]:
            {
                if (!Ok(client.StateDump(), stderr, out JsonNode? json))
                {
                    return 1;
                }
                stdout.WriteLine(StateView.FormatJson(json!, oneLine));
                return 0;
            }
            case ["state"] or ["state", "view"]:
            {
                if (!Ok(client.StateDump(), stderr, out JsonNode? json))
                {
                    return 1;
                }
                stdout.Write(StateView.Render(json!.AsObject(), verbose));
                return 0;
            }
            case ["state", "item", "get", string path]:
                return Print(client.StateItemGet(path), stdout, stderr);
            case ["state", "item", "set", string path, string value]:
                return Quiet(client.StateItemSet(path, value), stderr);
            case ["port", "add", string p]:
                return Quiet(client.PortAdd(p), stderr);
            case ["port", "remove", string p]:
                return Quiet(client.PortRemove(p), stderr);
            case ["port", "present", string p]:
            {
                if (!Ok(client.StateDump(), stderr, out JsonNode? json))
                {
                    return 1;
                }
                if (json!["ports"]?[p] is null)
                {
                    stderr.WriteLine("command call failed (No such device)");
                    return 1;
                }
                return 0;
            }
            case ["port", "config", "update", string p, string config]:
                return Quiet(client.PortConfigUpdate(p, config), stderr);
            case ["port", "config", "dump", string p]:
            {
                if (!Ok(client.PortConfigDump(p), stderr, out JsonNode? json))
                {
                    return 1;
                }
                stdout.WriteLine(StateView.FormatJson(json!, oneLine));
                return 0;
            }
            case ["ports"]:
            {
                IReadOnlyList<TeamPortStatus> ports = client.GetPorts();
                if (flags.Json)
                {
                    stdout.WriteLine(JsonSerializer.Serialize(ports, s_json));
                    return 0;
                }
                foreach (TeamPortStatus p in ports)
                {
                    stdout.WriteLine(TeamnlFormat.ListingLine(TeamnlFormat.Port(p)));
                }
                return 0;
            }
            case ["options"]:
            {
                IReadOnlyList<TeamOptionStatus> options = client.GetOptions();
                if (flags.Json)
                {
                    stdout.WriteLine(JsonSerializer.Serialize(options, s_json));
                    return 0;
                }
                foreach (TeamOptionStatus o in options)
                {
                    stdout.WriteLine(TeamnlFormat.ListingLine(TeamnlFormat.Option(o)));
                }
                return 0;
            }
            case ["getoption", string name]:
            {
                TeamOptionStatus? match = client.GetOptions().FirstOrDefault(o => o.Name == name && o.Port == flags.Port && o.ArrayIndex == flags.ArrayIndex);
                if (match is null)
                {
                    // teamnl: team_get_option found nothing, -ENOENT.
                    stderr.WriteLine("Command failed: No such file or directory");
                    return 1;
                }
                stdout.WriteLine(flags.Json ? JsonSerializer.Serialize(match, s_json) : match.Value);
                return 0;
            }
            case ["setoption", string name, string value]:
            {
                ControlReply r = client.SetOption(name, value, flags.Port, flags.ArrayIndex);
                if (!r.IsSuccess)
                {
                    stderr.WriteLine($"Command failed: {r.Error!.Message}");
                    return 1;
                }
                return 0;
            }
            case ["monitor", ..]:
            {
                // teamnl matches the style as a prefix of "all" or "changed"; changed is the default.
                string style = c.Length > 1 ? c[1] : "changed";
                bool all = style.Length > 0 && "all".StartsWith(style, StringComparison.Ordinal);
                if (!all && !"changed".StartsWith(style, StringComparison.Ordinal))
                {
                    stderr.WriteLine($"Unknown monitor style \"{style}\"");
                    return 1;
                }
                using CancellationTokenSource stop = new();
                using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
                {
                    ctx.Cancel = true;
                    stop.Cancel();
                });
                using PosixSignalRegistration intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
                {
                    ctx.Cancel = true;
                    stop.Cancel();
                });
                foreach (TeamMonitorEvent e in client.Monitor(stop.Token))
                {
                    stdout.Write(flags.Json ? e.Json + "\n" : TeamnlFormat.Monitor(e, all));
                    stdout.Flush();
                }
                return 0;
            }
            default:
                return 1;
        }
    }

    private static bool Ok(ControlReply reply, TextWriter stderr, out JsonNode? json)
    {
        json = null;
        if (!reply.IsSuccess)
        {
            WriteError(reply.Error!, stderr);
            return false;
        }
        try
        {
            json = JsonNode.Parse(reply.Payload!);
            return json is not null;
        }
        catch (JsonException)
        {
            stderr.WriteLine("The daemon's reply is not JSON.");
            return false;
        }
    }

    private static int Print(ControlReply reply, TextWriter stdout, TextWriter stderr)
    {
        if (!reply.IsSuccess)
        {
            WriteError(reply.Error!, stderr);
            return 1;
        }
        stdout.WriteLine(reply.Payload);
        return 0;
    }

    private static int Quiet(ControlReply reply, TextWriter stderr)
    {
        if (!reply.IsSuccess)
        {
            WriteError(reply.Error!, stderr);
            return 1;
        }
        return 0;
    }

    /// <summary>teamdctl's three lines for a daemon error reply.</summary>
    private static void WriteError(ControlError error, TextWriter stderr)
    {
        stderr.WriteLine($"netteamctl: usock: Error message received: \"{error.Code}\"");
        stderr.WriteLine($"netteamctl: usock: Error message content: \"{error.Message}\"");
        stderr.WriteLine("command call failed (Invalid argument)");
    }
}
