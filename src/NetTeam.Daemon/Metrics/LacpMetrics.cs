using NetTeam.Control.Metrics;
using NetTeam.Runners;
using NetTeam.Runners.Lacp;

namespace NetTeam.Daemon.Metrics;

/// <summary>
/// The lacp runner's per-port metrics (only with that runner). The actor's and partner's state octets are one
/// gauge per bit with a <c>bit</c> label (IEEE 802.1AX-2014 6.4.2.3 names, lower case), because PromQL has no
/// bitwise operators: <c>netteam_lacp_port_partner_state{bit="synchronization"} == 0</c> finds a partner out of
/// sync. The receive machine's state is a state set (one sample per state, 1 for the current one).
/// </summary>
internal static class LacpMetrics
{
    private static readonly (LacpState Bit, string Name)[] s_bits =
    [
        (LacpState.Activity, "activity"), (LacpState.Timeout, "timeout"), (LacpState.Aggregation, "aggregation"),
        (LacpState.Synchronization, "synchronization"), (LacpState.Collecting, "collecting"), (LacpState.Distributing, "distributing"),
        (LacpState.Defaulted, "defaulted"), (LacpState.Expired, "expired"),
    ];

    private static readonly (LacpPortState State, string Name)[] s_states =
        [(LacpPortState.Disabled, "disabled"), (LacpPortState.Current, "current"), (LacpPortState.Expired, "expired"), (LacpPortState.Defaulted, "defaulted")];

    public static void Collect(MetricSet m, string team, ILacpStatus lacp, IReadOnlyList<RunnerPort> ports)
    {
        MetricFamily actor = m.Gauge("netteam_lacp_port_actor_state", "One bit of the actor state octet this port sends (IEEE 802.1AX-2014 6.4.2.3), by name.");
        MetricFamily partner = m.Gauge("netteam_lacp_port_partner_state", "One bit of the partner state octet this port last received (IEEE 802.1AX-2014 6.4.2.3), by name.");
        MetricFamily selected = m.Gauge("netteam_lacp_port_selected", "Whether selection put the port in an aggregator (the state dump's selected).");
        MetricFamily aggregatorSelected = m.Gauge("netteam_lacp_port_aggregator_selected", "Whether the port's aggregator is the team's selected one (the state dump's aggregator.selected).");
        MetricFamily aggregatorId = m.Gauge("netteam_lacp_port_aggregator_id", "The id of the port's aggregator: its lead port's ifindex, 0 for none.");
        MetricFamily state = m.Gauge("netteam_lacp_port_receive_state", "The port's receive machine state (teamd's state): 1 for the current one.");
        MetricFamily received = m.Counter("netteam_lacp_pdus_received_total", "LACPDUs received on the port.");
        MetricFamily sent = m.Counter("netteam_lacp_pdus_sent_total", "LACPDUs sent on the port.");
        MetricFamily malformed = m.Counter("netteam_lacp_pdus_malformed_total", "Truncated, oversized or malformed LACPDUs and Marker PDUs received on the port, dropped.");
        foreach (RunnerPort port in ports)
        {
            if (lacp.GetPortStatus(port) is not LacpPortStatus s)
            {
                continue;
            }
            string[] labels = ["team", team, "port", port.Name];
            foreach ((LacpState bit, string name) in s_bits)
            {
                actor.Add((s.Actor & bit) != 0, [.. labels, "bit", name]);
                partner.Add((s.Partner & bit) != 0, [.. labels, "bit", name]);
            }
            selected.Add(s.Selected, labels);
            aggregatorSelected.Add(s.AggregatorSelected, labels);
            aggregatorId.Add(s.AggregatorId, labels);
            foreach ((LacpPortState value, string name) in s_states)
            {
                state.Add(s.State == value, [.. labels, "state", name]);
            }
            received.Add(s.Counters.LacpduRx, labels);
            sent.Add(s.Counters.LacpduTx, labels);
            malformed.Add(s.Counters.IllegalRx, labels);
        }
    }
}
