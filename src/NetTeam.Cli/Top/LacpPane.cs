using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NetTeam.Cli.Top;

/// <summary>
/// The LACP pane (lacp runner): the runner's settings, and per port the aggregator, selection, the port's
/// LACP state machine state and both sides' LACPDU info (state dump <c>ports.PORT.runner</c>, teamd-spec §3.6).
/// </summary>
internal static class LacpPane
{
    /// <summary>IEEE 802.1AX-2014 §6.4.2.3 Actor_State/Partner_State bits 0..7, by the letter top shows for each.</summary>
    private static readonly (int Bit, char Letter)[] s_stateBits = [(0, 'A'), (1, 'T'), (2, 'G'), (3, 'S'), (4, 'C'), (5, 'D'), (6, 'F'), (7, 'E')];

    public const string Legend = "state bits: A active, T short timeout, G aggregatable, S in sync, C collecting, D distributing, F defaulted, E expired";

    public static IRenderable Render(TopFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!frame.IsLacp)
        {
            return new Text($"The {frame.Runner} runner does not run LACP; this pane is for the lacp runner.");
        }
        JsonNode? runner = frame.State["runner"];
        string settings = string.Create(CultureInfo.InvariantCulture,
            $"active {TopFormat.YesNo(TopFrame.Bool(runner?["active"]))}, fast rate {TopFormat.YesNo(TopFrame.Bool(runner?["fast_rate"]))}, select policy {TopFrame.Str(runner?["select_policy"]) ?? TopFormat.Unknown}, system priority {TopFrame.Int(runner?["sys_prio"])}");
        Table table = TopView.NewTable();
        foreach (string head in (string[])["port", "selected", "aggregator", "state", "key", "prio", "actor state", "partner system", "partner key", "partner port", "partner state"])
        {
            table.AddColumn(head);
        }
        foreach ((string name, JsonNode? port) in (frame.State["ports"] as JsonObject ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            JsonNode? r = port?["runner"];
            JsonNode? partner = r?["partner_lacpdu_info"];
            bool? aggregatorSelected = TopFrame.Bool(r?["aggregator"]?["selected"]);
            table.AddRow(
                new Text(name),
                PortsPane.Flag(TopFormat.YesNo(TopFrame.Bool(r?["selected"])), TopFrame.Bool(r?["selected"])),
                new Text(Number(r?["aggregator"]?["id"]) + (aggregatorSelected == true ? " (selected)" : string.Empty)),
                new Text(TopFrame.Str(r?["state"]) ?? TopFormat.Unknown),
                new Text(Number(r?["key"])),
                new Text(Number(r?["prio"])),
                new Text(State(r?["actor_lacpdu_info"]?["state"])),
                new Text(TopFrame.Str(partner?["system"]) ?? TopFormat.Unknown),
                new Text(Number(partner?["key"])),
                new Text(Number(partner?["port"])),
                new Text(State(partner?["state"])));
        }
        return new Rows(new Text("runner: " + settings), table, new Text(Legend, new Style(decoration: Decoration.Dim)));
    }

    /// <summary>An LACPDU state byte as 0x%02x and the letters of its set bits, e.g. 0x3f ATGSCD.</summary>
    public static string State(JsonNode? node)
    {
        if (TopFrame.Int(node) is not int state)
        {
            return TopFormat.Unknown;
        }
        StringBuilder sb = new("0x" + state.ToString("x2", CultureInfo.InvariantCulture) + " ");
        foreach ((int bit, char letter) in s_stateBits)
        {
            sb.Append((state & (1 << bit)) != 0 ? letter : '.');
        }
        return sb.ToString();
    }

    private static string Number(JsonNode? n) => TopFrame.Int(n) is int i ? i.ToString(CultureInfo.InvariantCulture) : TopFormat.Unknown;
}
