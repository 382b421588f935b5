using System.Text.Json.Nodes;

namespace NetTeam.Cli.Top;

/// <summary>
/// The data plane's counters of one port or of the team, as the Statistics method reports them (the same
/// object `netteamctl TEAM statistics` prints): totals since the port joined, never reset while it stays.
/// </summary>
internal sealed record PortCounters(long RxPackets, long RxBytes, long RxDropped, long RxErrors, long TxPackets, long TxBytes, long TxDropped)
{
    /// <summary>The counters in a Statistics object's entry; null when there is none.</summary>
    public static PortCounters? Read(JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            return null;
        }
        return new(Long(o, "rx_packets"), Long(o, "rx_bytes"), Long(o, "rx_dropped"), Long(o, "rx_errors"),
            Long(o, "tx_packets"), Long(o, "tx_bytes"), Long(o, "tx_dropped"));
    }

    private static long Long(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue(out long n) ? n : 0;
}
