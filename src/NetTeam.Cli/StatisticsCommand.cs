using System.Globalization;
using System.Text.Json.Nodes;

namespace NetTeam.Cli;

/// <summary>
/// `netteamctl TEAM statistics [--json]`: the data plane's counters of the team and each port. On the eBPF
/// plane these are the team's only counters: `ip -s link show TEAM` stays at zero there (docs/differences.md).
/// </summary>
internal static class StatisticsCommand
{
    private static readonly string[] s_columns = ["rx_packets", "rx_bytes", "rx_dropped", "rx_multicast", "rx_errors", "tx_packets", "tx_bytes", "tx_dropped"];

    public static int Run(CtlContext c, string[] operands)
    {
        JsonObject stats = c.Client.GetStatistics();
        if (c.Options.Json)
        {
            c.Stdout.WriteLine(stats.ToJsonString());
            return 0;
        }
        c.Stdout.WriteLine($"data plane: {stats["data_plane"]?.GetValue<string>()}");
        c.Stdout.WriteLine($"{string.Empty,-16}" + string.Concat(s_columns.Select(h => $"{h,14}")));
        Row(c, c.Team, stats["team"]);
        foreach ((string port, JsonNode? counters) in stats["ports"] as JsonObject ?? [])
        {
            Row(c, port, counters);
        }
        return 0;
    }

    private static void Row(CtlContext c, string name, JsonNode? counters) =>
        c.Stdout.WriteLine($"{name,-16}" + string.Concat(s_columns.Select(k => $"{(counters?[k]?.GetValue<long>() ?? 0).ToString(CultureInfo.InvariantCulture),14}")));
}
