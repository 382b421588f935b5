using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NetTeam.Control.Client;
using NetTeam.Control.Protocol;

namespace NetTeam.Cli;

/// <summary>teamnl's commands (libteam utils/teamnl.c) in teamnl's text, or as JSON for scripts with -j.</summary>
internal static class TeamnlCommands
{
    public static int Ports(CtlContext c, string[] operands) =>
        List(c, c.Client.GetPorts(), CtlJsonContext.Default.IReadOnlyListTeamPortStatus, p => TeamnlFormat.ListingLine(TeamnlFormat.Port(p)));

    public static int Options(CtlContext c, string[] operands) =>
        List(c, c.Client.GetOptions(), CtlJsonContext.Default.IReadOnlyListTeamOptionStatus, o => TeamnlFormat.ListingLine(TeamnlFormat.Option(o)));

    public static int GetOption(CtlContext c, string[] operands)
    {
        string name = operands[0];
        CtlOptions flags = c.Options;
        TeamOptionStatus? match = c.Client.GetOptions().FirstOrDefault(o => o.Name == name && o.Port == flags.Port && o.ArrayIndex == flags.ArrayIndex);
        if (match is null)
        {
            // teamnl: team_get_option found nothing, -ENOENT.
            c.Stderr.WriteLine("Command failed: No such file or directory");
            return 1;
        }
        c.Stdout.WriteLine(flags.Json ? JsonSerializer.Serialize(match, CtlJsonContext.Default.TeamOptionStatus) : match.Value);
        return 0;
    }

    public static int SetOption(CtlContext c, string[] operands)
    {
        ControlReply r = c.Client.SetOption(operands[0], operands[1], c.Options.Port, c.Options.ArrayIndex);
        if (!r.IsSuccess)
        {
            c.Stderr.WriteLine($"Command failed: {r.Error!.Message}");
            return 1;
        }
        return 0;
    }

    /// <summary>The team's changes as they happen, until SIGTERM or SIGINT, or until the daemon goes.</summary>
    public static int Monitor(CtlContext c, string[] operands)
    {
        // teamnl matches the style as a prefix of "all" or "changed"; changed is the default.
        string style = operands.Length > 0 ? operands[0] : "changed";
        bool all = style.Length > 0 && "all".StartsWith(style, StringComparison.Ordinal);
        if (!all && !"changed".StartsWith(style, StringComparison.Ordinal))
        {
            c.Stderr.WriteLine($"Unknown monitor style \"{style}\"");
            return 1;
        }
        using CancellationTokenSource stop = new();
        using StopSignals signals = new(stop);
        foreach (TeamMonitorEvent e in c.Client.Monitor(stop.Token))
        {
            c.Stdout.Write(c.Options.Json ? e.Json + "\n" : TeamnlFormat.Monitor(e, all));
            c.Stdout.Flush();
        }
        return 0;
    }

    private static int List<T>(CtlContext c, IReadOnlyList<T> items, JsonTypeInfo<IReadOnlyList<T>> json, Func<T, string> line)
    {
        if (c.Options.Json)
        {
            c.Stdout.WriteLine(JsonSerializer.Serialize(items, json));
            return 0;
        }
        foreach (T item in items)
        {
            c.Stdout.WriteLine(line(item));
        }
        return 0;
    }
}
