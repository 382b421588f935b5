using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NetTeam.Daemon.Config;
using NetTeam.Device;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;
using NetTeam.Interop;
using NetTeam.Runners;
using NetTeam.Runners.LinkWatchers;

namespace NetTeam.Daemon;

/// <summary>
/// The daemon's ports (teamd's port list): for each, the runner's view, its link watchers and its values in
/// the state. Adding and removing a port tells the runner; every change of who is enabled refreshes the
/// watchers' forced_send. Runs on the event loop.
/// </summary>
internal sealed partial class DaemonPorts(
    IRunnerHost host, Runner runner, TeamdConfig config, DaemonState state, Func<TeamDevice> team, ILogger logger)
{
    private readonly List<RunnerPort> _ports = [];
    private readonly Dictionary<RunnerPort, PortLinkWatchSet> _watches = [];

    public IReadOnlyList<RunnerPort> List => _ports;

    private TeamDevice Team => team();

    public RunnerPort? Find(string name) => _ports.Find(p => p.Name == name);

    public RunnerPort? Find(int ifIndex) => _ports.Find(p => p.IfIndex == ifIndex);

    /// <summary>
    /// Adds the port to the team with its config (teamd_port_add): watchers, prio and queue_id, then the runner.
    /// A refusal leaves the port as it was and throws <see cref="TeamException"/>.
    /// </summary>
    public void Add(string name)
    {
        JsonObject portConfig = config.Ports[name] as JsonObject ?? [];
        Team.AddPort(name);
        TeamPortInfo info = Team.GetPort(name)!;
        RunnerPort port = new(name, portConfig) { IfIndex = info.IfIndex, Link = info.Link, PermanentAddress = info.PermanentAddress };
        try
        {
            _ports.Add(port);
            state.RegisterPort(Team, port);
            StartWatches(port);
            // teamd writes the port's prio and queue_id to the kernel options.
            Team.SetOption(TeamOptionNames.Priority, OptionValue.FromS32(port.Prio), name);
            if (portConfig["queue_id"] is JsonNode q)
            {
                Team.SetOption(TeamOptionNames.QueueId, OptionValue.FromU32((uint)q.GetValue<int>()), name);
            }
            runner.PortAdded(host, port);
            RefreshForcedSend();
        }
        catch (Exception ex) when (ex is TeamException or InvalidOperationException)
        {
            // A refused port add leaves the port as it was: forget it and let the device restore it.
            Forget(port);
            Team.RemovePort(name);
            throw ex as TeamException ?? new TeamException(Errno.EINVAL, ex.Message);
        }
        LogPortAdded(logger, name);
    }

    /// <summary>Drops the port from the daemon's books: its watchers stop and its state goes. The runner is told by <see cref="Departed"/>.</summary>
    public void Forget(RunnerPort port)
    {
        _ports.Remove(port);
        if (_watches.Remove(port, out PortLinkWatchSet? set))
        {
            set.Dispose();
        }
        state.RemovePort(port);
    }

    /// <summary>The port has left the team (removed, or its netdev vanished): the runner reselects without it.</summary>
    public void Departed(RunnerPort port)
    {
        runner.PortRemoved(host, port);
        RefreshForcedSend();
    }

    /// <summary>PortConfigUpdate on a port of the team: its prio at once, new watchers when theirs changed, then the runner.</summary>
    public void UpdateConfig(RunnerPort port, JsonObject portConfig)
    {
        bool watchesChanged = !JsonNode.DeepEquals(port.Config["link_watch"], portConfig["link_watch"]);
        port.Config = portConfig;
        Team.SetOption(TeamOptionNames.Priority, OptionValue.FromS32(port.Prio), port.Name);
        if (watchesChanged)
        {
            // New per-port watchers replace the old ones; the verdict starts over from them.
            _watches.Remove(port, out PortLinkWatchSet? old);
            old?.Dispose();
            StartWatches(port);
            RefreshForcedSend();
        }
        runner.PortConfigChanged(host, port);
    }

    /// <summary>The device reported a new carrier, speed or duplex for the port, from an event that arrived at <paramref name="eventTimestamp"/>.</summary>
    public void LinkChanged(RunnerPort port, PortLink link, long eventTimestamp)
    {
        port.Link = link;
        port.EventTimestamp = eventTimestamp;
        bool before = port.LinkWatchUp;
        _watches[port].PortLinkChanged();
        // A new verdict has already reached the runner; a speed or duplex change alone still matters to it.
        if (port.LinkWatchUp == before)
        {
            runner.PortChanged(host, port);
        }
    }

    /// <summary>The port's link watchers (for the metrics); null while it has none.</summary>
    public PortLinkWatchSet? Watches(RunnerPort port) => _watches.GetValueOrDefault(port);

    /// <summary>The port's control-frame counters: the runner's (LACP) and each link watcher's; null for a port not in the team.</summary>
    public JsonObject? ControlFrameCounters(string name)
    {
        if (Find(name) is not RunnerPort port)
        {
            return null;
        }
        JsonArray watches = [];
        foreach (LinkWatch w in _watches.TryGetValue(port, out PortLinkWatchSet? set) ? set.Watches : [])
        {
            watches.Add((JsonNode)w.Counters());
        }
        return new JsonObject { ["runner"] = runner.PortCounters(port), ["link_watches"] = watches };
    }

    public void RefreshForcedSend() => PortLinkWatchSet.RefreshForcedSend(host, _watches.Values);

    /// <summary>Stops every port's watchers (the daemon is stopping; the device restores the ports).</summary>
    public void StopWatches()
    {
        foreach (PortLinkWatchSet set in _watches.Values)
        {
            set.Dispose();
        }
        _watches.Clear();
    }

    private void StartWatches(RunnerPort port)
    {
        bool all = config.Root["link_watch_policy"]?.GetValue<string>() == "all";
        List<LinkWatch> watches = PortLinkWatchSet.FromConfig(config.Root["link_watch"], port.Config["link_watch"]);
        PortLinkWatchSet set = new(host, port, watches, all, () =>
        {
            runner.PortChanged(host, port);
            RefreshForcedSend();
        });
        _watches[port] = set;
        set.Start();
    }

    [LoggerMessage(3, LogLevel.Information, "Port \"{Port}\" added.")]
    private static partial void LogPortAdded(ILogger logger, string port);
}
