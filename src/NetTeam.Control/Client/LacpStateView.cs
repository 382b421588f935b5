using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace NetTeam.Control.Client;

/// <summary>
/// The lacp parts of teamdctl's `state view` (libteam utils/teamdctl.c, teamd-spec §3.7): per port the
/// aggregator, selected and state lines (-v adds key, priority and both LACPDU infos, state in 0x%x), and
/// the top-level active / fast rate lines (-v adds system priority). teamdctl keys them on setup.runner_name.
/// </summary>
internal static class LacpStateView
{
    public static void RenderPort(StringBuilder sb, JsonObject runner, bool verbose)
    {
        sb.Append("    runner:\n");
        JsonNode? agg = runner["aggregator"];
        Line(sb, 3, "aggregator ID", Int(DumpReader.Get(agg, "id")) + (Bool(DumpReader.Get(agg, "selected")) ? ", Selected" : string.Empty));
        Line(sb, 3, "selected", Bool(runner["selected"]) ? "yes" : "no");
        Line(sb, 3, "state", DumpReader.Text(runner["state"]));
        if (!verbose)
        {
            return;
        }
        Line(sb, 3, "key", Int(runner["key"]));
        Line(sb, 3, "priority", Int(runner["prio"]));
        Info(sb, "actor LACPDU info", runner["actor_lacpdu_info"]);
        Info(sb, "partner LACPDU info", runner["partner_lacpdu_info"]);
    }

    public static void RenderRunner(StringBuilder sb, JsonObject runner, bool verbose)
    {
        sb.Append("runner:\n");
        Line(sb, 1, "active", Bool(runner["active"]) ? "yes" : "no");
        Line(sb, 1, "fast rate", Bool(runner["fast_rate"]) ? "yes" : "no");
        if (verbose)
        {
            Line(sb, 1, "system priority", Int(runner["sys_prio"]));
        }
    }

    private static void Info(StringBuilder sb, string title, JsonNode? info)
    {
        sb.Append("      ").Append(title).Append(":\n");
        Line(sb, 4, "system priority", Int(DumpReader.Get(info, "system_priority")));
        Line(sb, 4, "system", DumpReader.Text(DumpReader.Get(info, "system")));
        Line(sb, 4, "key", Int(DumpReader.Get(info, "key")));
        Line(sb, 4, "port_priority", Int(DumpReader.Get(info, "port_priority")));
        Line(sb, 4, "port", Int(DumpReader.Get(info, "port")));
        Line(sb, 4, "state", "0x" + DumpReader.Int(DumpReader.Get(info, "state")).ToString("x", CultureInfo.InvariantCulture));
    }

    private static void Line(StringBuilder sb, int level, string key, string value) =>
        sb.Append(' ', level * 2).Append(key).Append(": ").Append(value).Append('\n');

    private static string Int(JsonNode? n) => DumpReader.Int(n).ToString(CultureInfo.InvariantCulture);

    private static bool Bool(JsonNode? n) => DumpReader.IsTrue(n);
}
