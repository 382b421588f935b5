using System.Text.Json.Nodes;
using NetTeam.Control.Client;

namespace NetTeam.Cli.Top;

/// <summary>
/// Everything one redraw of top shows, computed from the latest sample and the one before it: the team's
/// runner, kernel team mode, data plane and active port, the last active-port change top saw, each port's line
/// and the team's own traffic. <see cref="State"/> keeps the dump for the LACP and link-watch panes.
/// </summary>
internal sealed record TopFrame(
    string Team,
    DateTimeOffset Time,
    TimeSpan? Interval,
    string Runner,
    string Mode,
    string DataPlane,
    string? ActivePort,
    ActivePortWatch ActiveWatch,
    IReadOnlyList<TopPort> Ports,
    TopTraffic TeamTraffic,
    JsonObject State)
{
    /// <summary>The frame for <paramref name="current"/>; rates need <paramref name="previous"/>, and are unknown without it.</summary>
    public static TopFrame Build(string team, TopSample? previous, TopSample current, ActivePortWatch watch)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(watch);
        TimeSpan? interval = previous is null ? null : current.At - previous.At;
        JsonObject setup = current.State["setup"] as JsonObject ?? [];
        JsonObject ports = current.State["ports"] as JsonObject ?? [];
        List<TopPort> rows = [];
        foreach ((string name, JsonNode? port) in ports.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            rows.Add(Port(name, port, current, previous, interval));
        }
        return new(
            team,
            current.Time,
            interval,
            Str(setup["runner_name"]) ?? string.Empty,
            Str(setup["kernel_team_mode_name"]) ?? string.Empty,
            Str(current.Statistics["data_plane"]) ?? Str(setup["data_plane"]) ?? string.Empty,
            current.ActivePort,
            watch,
            rows,
            Traffic(current.Statistics["team"], previous?.Statistics["team"], interval),
            current.State);
    }

    /// <summary>Whether the runner has an active port at all (activebackup); the header shows the port and its last change only then.</summary>
    public bool HasActivePort => ActivePort is not null;

    public bool IsLacp => Runner == "lacp";

    private static TopPort Port(string name, JsonNode? port, TopSample current, TopSample? previous, TimeSpan? interval)
    {
        JsonNode? link = port?["link"];
        JsonNode? lacp = port?["runner"];
        TeamOptionStatus? enabled = current.Options.FirstOrDefault(o => o.Name == "enabled" && o.Port == name && o.ArrayIndex is null);
        return new(
            name,
            Bool(link?["up"]),
            Int(link?["speed"]),
            Str(link?["duplex"]),
            Bool(port?["link_watches"]?["up"]),
            enabled is null ? null : enabled.Value == "true",
            Str(lacp?["state"]),
            Bool(lacp?["selected"]),
            Traffic(current.Statistics["ports"]?[name], previous?.Statistics["ports"]?[name], interval));
    }

    private static TopTraffic Traffic(JsonNode? now, JsonNode? before, TimeSpan? interval)
    {
        PortCounters? counters = PortCounters.Read(now);
        TrafficRates? rates = interval is TimeSpan elapsed ? TrafficRates.Between(PortCounters.Read(before), counters, elapsed) : null;
        return new(counters, rates);
    }

    internal static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    internal static bool? Bool(JsonNode? n) => n is JsonValue v && v.TryGetValue(out bool b) ? b : null;

    internal static int? Int(JsonNode? n) => n is JsonValue v && v.TryGetValue(out int i) ? i : null;
}
