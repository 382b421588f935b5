using System.Globalization;
using System.Text.Json.Nodes;

namespace NetTeam.Cli.Top;

/// <summary>
/// `top --json`: one frame for scripts, the numbers the screen shows unrounded. Rates are per second over
/// <c>interval_seconds</c>, null where unknown. <c>last_failover</c> is the last active-port change top saw
/// (its <c>time</c> null when it saw none since <c>observed_since</c>): <c>observed_by</c> says it is top's own
/// observation, since the daemon does not report when it failed over.
/// </summary>
internal static class TopJson
{
    public static JsonObject Write(TopFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        JsonObject ports = [];
        foreach (TopPort p in frame.Ports)
        {
            JsonObject port = new()
            {
                ["link_up"] = p.LinkUp,
                ["speed"] = p.SpeedMbps,
                ["duplex"] = p.Duplex,
                ["link_watches_up"] = p.LinkWatchUp,
                ["enabled"] = p.Enabled,
            };
            if (frame.IsLacp)
            {
                port["lacp_state"] = p.LacpState;
                port["lacp_selected"] = p.LacpSelected;
            }
            Traffic(port, p.Traffic);
            ports[p.Name] = port;
        }
        JsonObject json = new()
        {
            ["team"] = frame.Team,
            ["time"] = Iso(frame.Time),
            ["interval_seconds"] = frame.Interval?.TotalSeconds,
            ["runner"] = frame.Runner,
            ["kernel_team_mode_name"] = frame.Mode,
            ["data_plane"] = frame.DataPlane,
        };
        if (frame.HasActivePort)
        {
            json["active_port"] = frame.ActivePort;
            json["last_failover"] = LastFailover(frame.ActiveWatch);
        }
        json["ports"] = ports;
        JsonObject team = [];
        Traffic(team, frame.TeamTraffic);
        json["team_traffic"] = team;
        return json;
    }

    private static JsonObject LastFailover(ActivePortWatch w) => new()
    {
        ["time"] = w.ChangedAt is DateTimeOffset at ? Iso(at) : null,
        ["from"] = w.Previous,
        ["to"] = w.ChangedAt is null ? null : w.Current,
        ["observed_by"] = "top",
        ["observed_since"] = Iso(w.Since),
    };

    private static void Traffic(JsonObject o, TopTraffic t)
    {
        TrafficRates? r = t.Rates;
        o["rx_packets"] = t.Counters?.RxPackets;
        o["rx_bytes"] = t.Counters?.RxBytes;
        o["tx_packets"] = t.Counters?.TxPackets;
        o["tx_bytes"] = t.Counters?.TxBytes;
        o["rx_dropped"] = t.Counters?.RxDropped;
        o["tx_dropped"] = t.Counters?.TxDropped;
        o["rx_packets_per_second"] = r?.RxPacketsPerSecond;
        o["rx_bits_per_second"] = r?.RxBitsPerSecond;
        o["tx_packets_per_second"] = r?.TxPacketsPerSecond;
        o["tx_bits_per_second"] = r?.TxBitsPerSecond;
        o["rx_dropped_per_second"] = r?.RxDroppedPerSecond;
        o["tx_dropped_per_second"] = r?.TxDroppedPerSecond;
    }

    /// <summary>ISO 8601 in UTC with milliseconds (2026-12-02T13:43:05.353Z): no '+' for the JSON writer to escape.</summary>
    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
