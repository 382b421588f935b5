using NetTeam.Control;
using NetTeam.Control.Metrics;
using NetTeam.Device;
using NetTeam.Device.Modes;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;
using NetTeam.Runners;
using NetTeam.Runners.Lacp;

namespace NetTeam.Daemon.Metrics;

/// <summary>
/// netteamd's metrics, collected from the daemon's state on the event loop (the Metrics control method runs
/// there; an HTTP scrape invokes it there), and written as Prometheus' text format by <see cref="ExpositionWriter"/>.
/// Names follow Prometheus' conventions ("Metric and label naming": a netteam_ prefix, _total counters, base
/// units) and, where they exist, node_exporter's for the same things: netteam_team_ports and netteam_team_ports_up
/// are node_bonding_slaves and node_bonding_active (slaves whose MII status is up); the data plane's counters are
/// named as node_network_*. Every sample has a <c>team</c> label; port samples a <c>port</c> label. README.md,
/// "Metrics", lists them all.
/// </summary>
internal sealed class DaemonMetrics(Runner runner, DaemonPorts ports, ControlRequestCounts requests, DateTimeOffset startTime)
{
    public MetricSet Collect(TeamDevice team)
    {
        ArgumentNullException.ThrowIfNull(team);
        MetricSet m = new();
        m.Gauge("netteam_build_info", "NetTeam's build: 1, with its version (netteamd --version) as a label.").Add(1, "version", NetTeamVersion.Text);
        m.Gauge("netteam_daemon_start_time_seconds", "When netteamd started, in seconds since the Unix epoch.").Add(startTime.ToUnixTimeMilliseconds() / 1000.0);
        MetricFamily control = m.Counter("netteam_control_requests_total", "Control requests netteamd answered, by method and result (ok, or teamd's error code).");
        foreach (((string method, string result), long count) in requests.All)
        {
            control.Add(count, "team", team.Name, "method", method, "result", result);
        }
        CollectTeam(m, team);
        PortMetrics.Collect(m, team, ports);
        if (runner is ILacpStatus lacp)
        {
            LacpMetrics.Collect(m, team.Name, lacp, ports.List);
        }
        return m;
    }

    private void CollectTeam(MetricSet m, TeamDevice team)
    {
        string[] t = ["team", team.Name];
        IReadOnlyList<TeamPortInfo> all = team.Ports;
        m.Gauge("netteam_team_info", "The team's runner and kernel mode: 1.").Add(1, [.. t, "runner", runner.Name, "mode", team.ModeName]);
        m.Gauge("netteam_team_data_plane_info", "The data plane that moves the team's frames (ebpf or userspace, after auto chose): 1.")
            .Add(1, [.. t, "plane", team.DataPlane.ToString().ToLowerInvariant()]);
        m.Gauge("netteam_team_carrier", "Whether the team interface has carrier (1) or not (0).").Add(team.Carrier, t);
        m.Gauge("netteam_team_ports", "Ports in the team (node_exporter's node_bonding_slaves).").Add(all.Count, t);
        m.Gauge("netteam_team_ports_up", "Ports whose link is up as the team sees it: user_linkup where a probe watcher decides, else carrier (node_exporter's node_bonding_active).")
            .Add(all.Count(p => p.Linkup), t);
        m.Gauge("netteam_team_ports_enabled", "Ports the runner enabled, which carry traffic (activebackup: the active one).").Add(all.Count(p => p.Enabled), t);
        MetricFamily active = m.Gauge("netteam_team_active_port", "The active port (activebackup's activeport): 1 for it; no sample while there is none or the mode has none.");
        if (team.ModeName == TeamModeNames.ActiveBackup
            && team.GetOption(TeamOptionNames.ActivePort).AsU32 is uint ifIndex and not 0
            && all.FirstOrDefault(p => p.IfIndex == ifIndex) is TeamPortInfo activePort)
        {
            active.Add(1, [.. t, "port", activePort.Name]);
        }
        m.Counter("netteam_team_failovers_total", "Failovers: the runner moved the traffic to another port because a port's link or link watch changed (activebackup).")
            .Add(runner.Failovers.Count, t);
        m.Gauge("netteam_team_last_failover_duration_seconds", "The last failover's duration, from the link event (or watcher verdict) behind it to the new snapshot being published to the data plane; 0 before the first.")
            .Add(runner.Failovers.LastDuration.TotalSeconds, t);
        // A timestamp gauge, as node_exporter's *_time_seconds: time() minus it is the time since the last one.
        m.Gauge("netteam_team_last_failover_timestamp_seconds", "When the last failover's snapshot was published, in seconds since the Unix epoch; 0 before the first.")
            .Add(runner.Failovers.LastAt is DateTimeOffset at ? at.ToUnixTimeMilliseconds() / 1000.0 : 0, t);
        DataPlaneCounters.Declare(m, "team", "the team interface").Add(team.Statistics, t);
    }
}
