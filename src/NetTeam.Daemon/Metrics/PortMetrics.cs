using System.Globalization;
using NetTeam.Control.Metrics;
using NetTeam.Device;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;
using NetTeam.Runners;
using NetTeam.Runners.LinkWatchers;

namespace NetTeam.Daemon.Metrics;

/// <summary>
/// Each port's metrics: the data plane's counters (named as node_exporter's node_network_* counters), the link
/// and the team's options for it (enabled, user_linkup), and its link watchers' verdicts and changes. Runs on the
/// event loop.
/// </summary>
internal static class PortMetrics
{
    public static void Collect(MetricSet m, TeamDevice team, DaemonPorts ports)
    {
        DataPlaneCounters counters = DataPlaneCounters.Declare(m, "port", "the port");
        MetricFamily linkUp = m.Gauge("netteam_port_link_up", "Whether the port has carrier (1) or not (0).");
        MetricFamily enabled = m.Gauge("netteam_port_enabled", "Whether the runner enabled the port, so that it carries traffic (the team option enabled).");
        MetricFamily userLinkup = m.Gauge("netteam_port_user_linkup", "The port's user_linkup option: the link watchers' verdict as the team sees it.");
        MetricFamily watchUp = m.Gauge("netteam_port_link_watch_up", "The port's link watchers' combined verdict (link_watch_policy any or all): up (1) or down (0).");
        MetricFamily upChanges = m.Counter("netteam_port_link_watch_up_changes_total", "How many times one link watcher's verdict went from down to up.");
        MetricFamily downChanges = m.Counter("netteam_port_link_watch_down_changes_total", "How many times one link watcher's verdict went from up to down (the state dump's down_count).");
        foreach (RunnerPort port in ports.List)
        {
            if (team.GetPort(port.Name) is not TeamPortInfo info)
            {
                continue;
            }
            string[] labels = ["team", team.Name, "port", port.Name];
            counters.Add(info.Statistics, labels);
            linkUp.Add(info.Link.Up, labels);
            enabled.Add(info.Enabled, labels);
            userLinkup.Add(team.GetOption(TeamOptionNames.UserLinkup, port.Name).AsBool, labels);
            watchUp.Add(port.LinkWatchUp, labels);
            if (ports.Watches(port) is not PortLinkWatchSet set)
            {
                continue;
            }
            for (int i = 0; i < set.Watches.Count; i++)
            {
                LinkWatch w = set.Watches[i];
                string[] watchLabels = [.. labels, "link_watch", w.Name, "index", i.ToString(CultureInfo.InvariantCulture)];
                upChanges.Add(w.UpCount, watchLabels);
                downChanges.Add(w.DownCount, watchLabels);
            }
        }
    }
}
