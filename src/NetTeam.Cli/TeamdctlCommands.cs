using System.Text.Json.Nodes;
using NetTeam.Control.Client;

namespace NetTeam.Cli;

/// <summary>teamdctl's commands (libteam utils/teamdctl.c), each the call of one control method and its printing.</summary>
internal static class TeamdctlCommands
{
    public static int ConfigDump(CtlContext c, string[] operands) => c.PrintJson(c.Client.ConfigDump());

    public static int ConfigDumpNoPorts(CtlContext c, string[] operands) =>
        c.PrintJson(c.Client.ConfigDump(), json => json.AsObject().Remove("ports"));

    public static int ConfigDumpActual(CtlContext c, string[] operands) => c.PrintJson(c.Client.ConfigDumpActual());

    public static int StateDump(CtlContext c, string[] operands) => c.PrintJson(c.Client.StateDump());

    public static int StateView(CtlContext c, string[] operands)
    {
        if (!c.TryJson(c.Client.StateDump(), out JsonNode? json))
        {
            return 1;
        }
        c.Stdout.Write(Control.Client.StateView.Render(json.AsObject(), c.Options.Verbose));
        return 0;
    }

    public static int StateItemGet(CtlContext c, string[] operands) => c.PrintPayload(c.Client.StateItemGet(operands[0]));

    public static int StateItemSet(CtlContext c, string[] operands) => c.Quiet(c.Client.StateItemSet(operands[0], operands[1]));

    public static int PortAdd(CtlContext c, string[] operands) => c.Quiet(c.Client.PortAdd(operands[0]));

    public static int PortRemove(CtlContext c, string[] operands) => c.Quiet(c.Client.PortRemove(operands[0]));

    /// <summary>teamdctl looks the port up in the state dump; exit code 1 when it is not a port of the team.</summary>
    public static int PortPresent(CtlContext c, string[] operands)
    {
        if (!c.TryJson(c.Client.StateDump(), out JsonNode? json))
        {
            return 1;
        }
        if (json["ports"]?[operands[0]] is null)
        {
            c.Stderr.WriteLine("command call failed (No such device)");
            return 1;
        }
        return 0;
    }

    public static int PortConfigUpdate(CtlContext c, string[] operands) => c.Quiet(c.Client.PortConfigUpdate(operands[0], operands[1]));

    public static int PortConfigDump(CtlContext c, string[] operands) => c.PrintJson(c.Client.PortConfigDump(operands[0]));
}
