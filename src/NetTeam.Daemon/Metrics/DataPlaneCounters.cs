using NetTeam.Control.Metrics;
using NetTeam.Device.Ports;

namespace NetTeam.Daemon.Metrics;

/// <summary>
/// The data plane's counters of the team interface or of a port (<see cref="TeamStatistics"/>, what `netteamctl
/// TEAM statistics` shows), named after node_exporter's node_network_{receive,transmit}_*_total.
/// </summary>
internal sealed class DataPlaneCounters
{
    private readonly MetricFamily[] _families;

    private DataPlaneCounters(MetricFamily[] families) => _families = families;

    /// <summary>Declares netteam_<paramref name="scope"/>_{receive,transmit}_*_total, described as counting for <paramref name="what"/>.</summary>
    public static DataPlaneCounters Declare(MetricSet m, string scope, string what) => new(
    [
        m.Counter($"netteam_{scope}_receive_packets_total", $"Packets the data plane received on {what}."),
        m.Counter($"netteam_{scope}_receive_bytes_total", $"Bytes the data plane received on {what}."),
        m.Counter($"netteam_{scope}_receive_drop_total", $"Received packets the data plane dropped on {what}."),
        m.Counter($"netteam_{scope}_receive_multicast_total", $"Multicast packets the data plane received on {what}."),
        m.Counter($"netteam_{scope}_receive_errs_total", $"Receive errors the data plane counted on {what}."),
        m.Counter($"netteam_{scope}_transmit_packets_total", $"Packets the data plane sent on {what}."),
        m.Counter($"netteam_{scope}_transmit_bytes_total", $"Bytes the data plane sent on {what}."),
        m.Counter($"netteam_{scope}_transmit_drop_total", $"Packets the data plane dropped instead of sending on {what}."),
    ]);

    public void Add(TeamStatistics s, string[] labels)
    {
        long[] values = [s.RxPackets, s.RxBytes, s.RxDropped, s.RxMulticast, s.RxErrors, s.TxPackets, s.TxBytes, s.TxDropped];
        for (int i = 0; i < values.Length; i++)
        {
            _families[i].Add(values[i], labels);
        }
    }
}
