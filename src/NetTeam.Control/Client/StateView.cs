using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetTeam.Control.Client;

/// <summary>
/// Renders a state dump as teamdctl's `state view` text (libteam utils/teamdctl.c, teamd-spec §3.7):
/// two spaces per level, yes/no, port names alone on their line, the -v lines only when verbose.
/// </summary>
public static class StateView
{
    public static string Render(JsonObject dump, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(dump);
        StringBuilder sb = new();
        JsonObject setup = dump["setup"] as JsonObject ?? [];
        sb.Append("setup:\n");
        Line(sb, 1, "runner", Str(setup["runner_name"]));
        if (verbose)
        {
            Line(sb, 1, "kernel team mode", Str(setup["kernel_team_mode_name"]));
            Line(sb, 1, "D-BUS enabled", YesNo(setup["dbus_enabled"]));
            Line(sb, 1, "ZeroMQ enabled", YesNo(setup["zmq_enabled"]));
            Line(sb, 1, "debug level", Str(setup["debug_level"]));
            Line(sb, 1, "daemonized", YesNo(setup["daemonized"]));
            Line(sb, 1, "PID", Str(setup["pid"]));
            Line(sb, 1, "PID file", Str(setup["pid_file"]));
        }
        if (dump["ports"] is JsonObject ports && ports.Count > 0)
        {
            sb.Append("ports:\n");
            foreach ((string name, JsonNode? node) in ports.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                RenderPort(sb, name, node as JsonObject ?? [], Str(setup["runner_name"]) == "lacp", verbose);
            }
        }
        if (Str(setup["runner_name"]) == "lacp" && dump["runner"] is JsonObject lacpRunner)
        {
            LacpStateView.RenderRunner(sb, lacpRunner, verbose);
        }
        else if (dump["runner"] is JsonObject runner)
        {
            StringBuilder r = new();
            if (runner["active_port"] is JsonNode active)
            {
                Line(r, 1, "active port", Str(active));
            }
            if (r.Length > 0)
            {
                sb.Append("runner:\n").Append(r);
            }
        }
        return sb.ToString();
    }

    private static void RenderPort(StringBuilder sb, string name, JsonObject port, bool lacp, bool verbose)
    {
        sb.Append("  ").Append(name).Append('\n');
        if (verbose)
        {
            Line(sb, 2, "ifindex", Str(DumpReader.Get(port["ifinfo"], "ifindex")));
            Line(sb, 2, "addr", Str(DumpReader.Get(port["ifinfo"], "dev_addr")));
            JsonNode? link = port["link"];
            Line(sb, 2, "ethtool link", $"{Str(DumpReader.Get(link, "speed"))}mbit/{Str(DumpReader.Get(link, "duplex"))}duplex/{(DumpReader.IsTrue(DumpReader.Get(link, "up")) ? "up" : "down")}");
        }
        if (port["link_watches"] is JsonObject lw)
        {
            sb.Append("    link watches:\n");
            Line(sb, 3, "link summary", DumpReader.IsTrue(lw["up"]) ? "up" : "down");
            foreach ((string instance, JsonNode? w) in (lw["list"] as JsonObject ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                sb.Append("      instance[").Append(instance).Append("]:\n");
                Line(sb, 4, "name", Str(DumpReader.Get(w, "name")));
                Line(sb, 4, "link", DumpReader.IsTrue(DumpReader.Get(w, "up")) ? "up" : "down");
                Line(sb, 4, "down count", Str(DumpReader.Get(w, "down_count")));
                if (verbose && w is JsonObject watch)
                {
                    WatcherDetails(sb, watch);
                }
            }
        }
        if (lacp && port["runner"] is JsonObject portRunner)
        {
            LacpStateView.RenderPort(sb, portRunner, verbose);
        }
    }

    /// <summary>The -v lines of one watcher, by its name (teamdctl's stateview_json_link_watch_info_process).</summary>
    private static void WatcherDetails(StringBuilder sb, JsonObject w)
    {
        switch (Str(w["name"]))
        {
            case "ethtool":
                Line(sb, 4, "link up delay", Str(w["delay_up"]));
                Line(sb, 4, "link down delay", Str(w["delay_down"]));
                break;
            case "arp_ping":
                Line(sb, 4, "source host", Str(w["source_host"]));
                Line(sb, 4, "target host", Str(w["target_host"]));
                Line(sb, 4, "interval", Str(w["interval"]));
                Line(sb, 4, "missed packets", $"{Str(w["missed"])}/{Str(w["missed_max"])}");
                Line(sb, 4, "validate_active", YesNo(w["validate_active"]));
                Line(sb, 4, "validate_inactive", YesNo(w["validate_inactive"]));
                Line(sb, 4, "send_always", YesNo(w["send_always"]));
                Line(sb, 4, "initial wait", Str(w["init_wait"]));
                break;
            case "nsna_ping":
                Line(sb, 4, "target host", Str(w["target_host"]));
                Line(sb, 4, "interval", Str(w["interval"]));
                Line(sb, 4, "missed packets", $"{Str(w["missed"])}/{Str(w["missed_max"])}");
                Line(sb, 4, "initial wait", Str(w["init_wait"]));
                break;
            case "tipc":
                Line(sb, 4, "tipc bearer", Str(w["tipc_bearer"]));
                break;
        }
    }

    private static void Line(StringBuilder sb, int level, string key, string value) =>
        sb.Append(' ', level * 2).Append(key).Append(": ").Append(value).Append('\n');

    private static string YesNo(JsonNode? n) => DumpReader.IsTrue(n) ? "yes" : "no";

    private static string Str(JsonNode? n) => n switch
    {
        null => string.Empty,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => n.ToJsonString(),
    };

    /// <summary>JSON as teamdctl prints it: sorted keys, 4-space indent (or one line).</summary>
    public static string FormatJson(JsonNode node, bool oneLine)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Sort(node).ToJsonString(new JsonSerializerOptions { WriteIndented = !oneLine, IndentSize = 4 });
    }

    private static JsonNode Sort(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, kv.Value is null ? null : Sort(kv.Value)))),
        JsonArray a => new JsonArray([.. a.Select(x => x is null ? null : Sort(x))]),
        _ => node.DeepClone(),
    };

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
