using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTeam.Control.Client;
using NetTeam.Control.Protocol;

namespace NetTeam.Cli;

/// <summary>teamdctl's commands (libteam utils/teamdctl.c), each the call of one control method and its printing.</summary>
internal static class TeamdctlCommands
{
    public static int ConfigDump(CtlContext c, string[] operands) => c.PrintJson(c.Client.ConfigDump());

    public static int ConfigDumpNoPorts(CtlContext c, string[] operands) =>
        c.PrintJson(c.Client.ConfigDump(), json => (json as JsonObject)?.Remove("ports"));

    public static int ConfigDumpActual(CtlContext c, string[] operands) => c.PrintJson(c.Client.ConfigDumpActual());

    public static int StateDump(CtlContext c, string[] operands) => c.PrintJson(c.Client.StateDump());

    /// <summary>teamdctl's text; with -j the state as JSON, as state dump prints it.</summary>
    public static int StateView(CtlContext c, string[] operands)
    {
        if (c.Options.Json)
        {
            return StateDump(c, operands);
        }
        if (!c.TryJson(c.Client.StateDump(), out JsonNode? json))
        {
            return 1;
        }
        if (json is not JsonObject dump)
        {
            c.Stderr.WriteLine("The daemon's reply is not a JSON object.");
            return 1;
        }
        c.Stdout.Write(Control.Client.StateView.Render(dump, c.Options.Verbose));
        return 0;
    }

    /// <summary>
    /// The value's text as teamdctl prints it; with -j <c>{"path": ..., "value": ...}</c>, the value typed as the
    /// state dump has it (the protocol carries text only, so "100" is a number only where the dump says so).
    /// </summary>
    public static int StateItemGet(CtlContext c, string[] operands)
    {
        ControlReply reply = c.Client.StateItemGet(operands[0]);
        if (!c.Options.Json)
        {
            return c.PrintPayload(reply);
        }
        if (c.Quiet(reply) != 0 || !c.TryJson(c.Client.StateDump(), out JsonNode? dump))
        {
            return 1;
        }
        JsonObject item = new() { ["path"] = operands[0], ["value"] = TypedValue(reply.Payload ?? string.Empty, Find(dump, operands[0])) };
        c.Stdout.WriteLine(Control.Client.StateView.FormatJson(item, c.Options.OneLine));
        return 0;
    }

    public static int StateItemSet(CtlContext c, string[] operands) => c.Quiet(c.Client.StateItemSet(operands[0], operands[1]));

    public static int PortAdd(CtlContext c, string[] operands) => c.Quiet(c.Client.PortAdd(operands[0]));

    public static int PortRemove(CtlContext c, string[] operands) => c.Quiet(c.Client.PortRemove(operands[0]));

    /// <summary>
    /// teamdctl looks the port up in the state dump; exit code 1 when it is not a port of the team. With -j the
    /// answer is also printed, <c>{"port": ..., "present": true|false}</c>.
    /// </summary>
    public static int PortPresent(CtlContext c, string[] operands)
    {
        if (!c.TryJson(c.Client.StateDump(), out JsonNode? json))
        {
            return 1;
        }
        bool present = json["ports"]?[operands[0]] is not null;
        if (c.Options.Json)
        {
            c.Stdout.WriteLine(Control.Client.StateView.FormatJson(new JsonObject { ["port"] = operands[0], ["present"] = present }, c.Options.OneLine));
        }
        if (!present)
        {
            c.Stderr.WriteLine("command call failed (No such device)");
            return 1;
        }
        return 0;
    }

    public static int PortConfigUpdate(CtlContext c, string[] operands) => c.Quiet(c.Client.PortConfigUpdate(operands[0], operands[1]));

    public static int PortConfigDump(CtlContext c, string[] operands) => c.PrintJson(c.Client.PortConfigDump(operands[0]));

    /// <summary>The node at a teamd state path in a dump, or null.</summary>
    private static JsonNode? Find(JsonNode dump, string path)
    {
        if (StatePath.Split(path) is not List<string> parts)
        {
            return null;
        }
        JsonNode? node = dump;
        foreach (string part in parts)
        {
            node = node is JsonObject o ? o[part] : null;
        }
        return node;
    }

    /// <summary>The item's text as a JSON value of the kind the dump's node has; a string when the dump has none.</summary>
    private static JsonNode TypedValue(string text, JsonNode? node)
    {
        JsonValueKind kind = node is JsonValue v ? v.GetValueKind() : JsonValueKind.String;
        return kind switch
        {
            JsonValueKind.True or JsonValueKind.False when bool.TryParse(text, out bool b) => JsonValue.Create(b),
            JsonValueKind.Number when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) => JsonValue.Create(n),
            _ => JsonValue.Create(text),
        };
    }
}
