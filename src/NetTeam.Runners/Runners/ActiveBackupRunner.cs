using System.Text.Json.Nodes;
using NetTeam.Device;
using NetTeam.Device.Options;
using NetTeam.Interop;
using NetTeam.Runners.Config;
using NetTeam.Runners.State;

namespace NetTeam.Runners;

/// <summary>
/// activebackup (libteam teamd/teamd_runner_activebackup.c): one active port among those whose link watch
/// is up; only it is enabled; <c>hwaddr_policy</c> decides the MACs.
/// Where teamd differs on purpose: teamd lets a faster port win over a port with a higher <c>prio</c>
/// (its comparison ORs prio and speed, issue #66); NetTeam compares <c>prio</c> first, then speed, then
/// duplex, so <c>prio</c> always means what the man page says.
/// </summary>
internal sealed class ActiveBackupRunner : Runner
{
    private readonly JsonObject _config;
    private readonly string _hwaddrPolicy;
    private const string MemoryKey = "activebackup.active_port";
    private RunnerPort? _active;

    public ActiveBackupRunner(JsonObject config)
    {
        _config = config;
        _hwaddrPolicy = config["hwaddr_policy"] is JsonValue v && v.TryGetValue(out string? s) ? s : "same_all";
    }

    /// <summary>The key teamd_runner_activebackup.c reads (teamd-spec §2.4).</summary>
    internal static ConfigKey[] Keys { get; } = [ConfigKey.OneOf("hwaddr_policy", ["same_all", "by_active", "only_active"])];

    public override string Name => RunnerNames.ActiveBackup;


    public string? ActivePortName => _active?.Name;

    public override string? Validate() => new ConfigKeyTable(Keys).FirstError(_config, "runner.");

    public override void PortAdded(IRunnerHost host, RunnerPort port)
    {
        // New ports start disabled; only the active port is enabled.
        host.Team.SetOption(TeamOptionNames.Enabled, OptionValue.FromBool(false), port.Name);
        if (_hwaddrPolicy == "same_all")
        {
            host.Team.SetPortAddress(port.Name, host.Team.Address);
        }
        Reselect(host, cause: null);
    }

    public override void PortRemoved(IRunnerHost host, RunnerPort port)
    {
        if (_active == port)
        {
            _active = null;
        }
        Reselect(host, cause: null);
    }

    /// <summary>A port's link or verdict changed: a new active port now is a failover, caused by that port's event.</summary>
    public override void PortChanged(IRunnerHost host, RunnerPort port) => Reselect(host, cause: port);

    /// <summary>A port's config changed (a new prio): a new active port is the administrator's doing, not a failover.</summary>
    public override void PortConfigChanged(IRunnerHost host, RunnerPort port) => Reselect(host, cause: null);

    /// <summary>A predecessor's active port stays active (while its link watch is up): the team's frames keep their way.</summary>
    public override void Resume(IRunnerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string? name = host.Memory.Recall(MemoryKey)?.GetValue<string>();
        RunnerPort? port = host.Ports.FirstOrDefault(p => p.Name == name);
        if (port is not null && port.LinkWatchUp && port != _active)
        {
            Activate(host, port, cause: null);
        }
    }

    /// <summary>
    /// ab_best_port_check_set: keep a sticky or equally good active port, else take the best. A change of the
    /// active port that <paramref name="cause"/>'s link or verdict change brought about is a failover.
    /// </summary>
    private void Reselect(IRunnerHost host, RunnerPort? cause)
    {
        RunnerPort? best = null;
        foreach (RunnerPort p in host.Ports)
        {
            if (p.LinkWatchUp && (best is null || Better(p, best)))
            {
                best = p;
            }
        }
        RunnerPort? current = _active is not null && host.Ports.Contains(_active) ? _active : null;
        if (current is not null && current.LinkWatchUp && (current.Sticky || best is null || !Better(best, current)))
        {
            best = current;
        }
        if (best is not null && best != _active)
        {
            Activate(host, best, cause);
        }
        else if (best is null && _active is not null && !host.Ports.Contains(_active))
        {
            _active = null;
        }
    }

    private static bool Better(RunnerPort a, RunnerPort b)
    {
        if (a.Prio != b.Prio)
        {
            return a.Prio > b.Prio;
        }
        if (a.Link.SpeedMbps != b.Link.SpeedMbps)
        {
            return a.Link.SpeedMbps > b.Link.SpeedMbps;
        }
        return a.Link.Duplex == Duplex.Full && b.Link.Duplex != Duplex.Full;
    }

    private void Activate(IRunnerHost host, RunnerPort port, RunnerPort? cause)
    {
        ITeamControl team = host.Team;
        RunnerPort? previous = _active;
        // Enable the new port first, then point the mode at it, then disable the rest, in one update: the data
        // plane sees the old active port or the new one, never none or two.
        using (team.BeginUpdate())
        {
            team.SetOption(TeamOptionNames.Enabled, OptionValue.FromBool(true), port.Name);
            team.SetOption(TeamOptionNames.ActivePort, OptionValue.FromU32((uint)port.IfIndex));
            foreach (RunnerPort p in host.Ports)
            {
                if (p != port)
                {
                    team.SetOption(TeamOptionNames.Enabled, OptionValue.FromBool(false), p.Name);
                }
            }
        }
        // The scope's end published the snapshot: the failover is done as far as the data plane is concerned.
        if (previous is not null && cause is not null)
        {
            Failovers.Record(host, cause);
        }
        switch (_hwaddrPolicy)
        {
            case "by_active":
                // The team takes the active port's own address.
                MacAddress mac = team.GetPort(port.Name)!.Address;
                if (mac != team.Address)
                {
                    team.SetAddress(mac);
                }
                break;
            case "only_active":
                if (previous is not null && host.Ports.Contains(previous))
                {
                    team.RestorePortAddress(previous.Name);
                }
                team.SetPortAddress(port.Name, team.Address);
                break;
        }
        _active = port;
        host.Memory.Remember(MemoryKey, JsonValue.Create(port.Name));
        host.Log($"Changed active port to \"{port.Name}\".");
    }

    /// <summary>teamd's <c>runner.active_port</c>, which <c>state item set</c> switches (ab_state_active_port_set).</summary>
    public override void Start(IRunnerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        new StateScope(host.State, this, "runner").Add("active_port", StateValue.String(() => _active?.Name ?? string.Empty, name => SetActivePort(host, name)));
    }

    public override void Stop(IRunnerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.State.Unregister(this);
    }

    private StateSetResult SetActivePort(IRunnerHost host, string name)
    {
        RunnerPort? port = host.Ports.FirstOrDefault(p => p.Name == name);
        if (port is null)
        {
            return StateSetResult.Refused($"\"{name}\" is not a port of {host.Team.Name}");
        }
        if (port != _active)
        {
            Activate(host, port, cause: null);
        }
        return StateSetResult.Ok;
    }
}
