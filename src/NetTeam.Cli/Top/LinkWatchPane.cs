using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NetTeam.Cli.Top;

/// <summary>
/// The link-watch pane: per port the summary verdict and each watcher instance (state dump
/// <c>ports.PORT.link_watches</c>): its name, link, down count and the settings that explain a verdict.
/// </summary>
internal static class LinkWatchPane
{
    public static IRenderable Render(TopFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Table table = TopView.NewTable();
        foreach (string head in (string[])["port", "summary", "instance", "watcher", "link", "down count", "details"])
        {
            table.AddColumn(head);
        }
        foreach ((string name, JsonNode? port) in (frame.State["ports"] as JsonObject ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            JsonNode? watches = port?["link_watches"];
            bool? summary = TopFrame.Bool(watches?["up"]);
            bool first = true;
            foreach ((string instance, JsonNode? w) in (watches?["list"] as JsonObject ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                bool? up = TopFrame.Bool(w?["up"]);
                table.AddRow(
                    new Text(first ? name : string.Empty),
                    first ? PortsPane.Flag(TopFormat.UpDown(summary), summary) : Text.Empty,
                    new Text(instance),
                    new Text(TopFrame.Str(w?["name"]) ?? TopFormat.Unknown),
                    PortsPane.Flag(TopFormat.UpDown(up), up),
                    new Text(TopFrame.Int(w?["down_count"]) is int n ? n.ToString(CultureInfo.InvariantCulture) : TopFormat.Unknown),
                    new Text(Details(w)));
                first = false;
            }
            if (first)
            {
                table.AddRow(new Text(name), PortsPane.Flag(TopFormat.UpDown(summary), summary), new Text("(no watcher)"), Text.Empty, Text.Empty, Text.Empty, Text.Empty);
            }
        }
        return table;
    }

    /// <summary>A watcher's settings, by its name (the keys of teamd's link_watch objects, teamd.conf(5)).</summary>
    private static string Details(JsonNode? w) => TopFrame.Str(w?["name"]) switch
    {
        "ethtool" => Invariant($"delay up {TopFrame.Int(w?["delay_up"])} ms, down {TopFrame.Int(w?["delay_down"])} ms"),
        "arp_ping" => Invariant($"{TopFrame.Str(w?["source_host"])} -> {TopFrame.Str(w?["target_host"])}, every {TopFrame.Int(w?["interval"])} ms, missed {TopFrame.Int(w?["missed"])}/{TopFrame.Int(w?["missed_max"])}"),
        "nsna_ping" => Invariant($"-> {TopFrame.Str(w?["target_host"])}, every {TopFrame.Int(w?["interval"])} ms, missed {TopFrame.Int(w?["missed"])}/{TopFrame.Int(w?["missed_max"])}"),
        "tipc" => "bearer " + TopFrame.Str(w?["tipc_bearer"]),
        _ => string.Empty,
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
