using NetTeam.Device;
using NetTeam.Device.Events;
using NetTeam.Device.Options;
using NetTeam.Runners;

namespace NetTeam.Daemon;

/// <summary>
/// Hands one device change to whoever follows it, in order (teamd's event watchers): the ports' books and
/// watchers (a port gone, a link changed), the runner (team up or down, options changed), then the monitor.
/// Runs on the event loop.
/// </summary>
internal sealed class TeamEventFanout(IRunnerHost host, Runner runner, DaemonPorts ports, MonitorPublisher monitor)
{
    public void OnTeamChanged(TeamDevice team, TeamChangeEventArgs e)
    {
        foreach (TeamPortChange change in e.Ports)
        {
            if (ports.Find(change.Port.IfIndex) is not RunnerPort port)
            {
                continue;
            }
            if (change.Removed)
            {
                // The netdev vanished (or was removed by a control call, which already forgot it).
                ports.Forget(port);
                ports.Departed(port);
            }
            else if (port.Link != change.Port.Link)
            {
                ports.LinkChanged(port, change.Port.Link, change.Port.LinkEventTimestamp);
            }
        }
        if (e.TeamStateChanged)
        {
            runner.TeamStateChanged(host);
        }
        if (e.Options.Count > 0)
        {
            if (e.Options.Any(o => o.Name == TeamOptionNames.Enabled))
            {
                ports.RefreshForcedSend();
            }
            runner.OptionsChanged(host, e.Options);
        }
        monitor.Publish(team, e);
    }
}
