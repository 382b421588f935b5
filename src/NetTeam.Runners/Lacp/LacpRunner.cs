using NetTeam.Device;
using System.Text.Json.Nodes;
using NetTeam.Device.Options;
using NetTeam.Runners.Distribution;
using NetTeam.Runners.State;

namespace NetTeam.Runners.Lacp;

/// <summary>
/// lacp (IEEE 802.1AX link aggregation as libteam teamd/teamd_runner_lacp.c does it; teamd-spec §4.5) over
/// the loadbalance mode. Each port runs its own receive, periodic and transmit machines
/// (<see cref="LacpPort"/>); after every change the runner reruns selection (<see cref="AggregatorSelection"/>),
/// enables exactly the ports that are in the selected aggregator and whose partner is in sync, and raises
/// the team carrier while at least <c>min_ports</c> ports are enabled. Frames are spread by the loadbalance
/// tx hash and balancer (<see cref="TxDistribution"/>). Where it differs from 802.1AX and teamd: docs/lacp.md.
/// </summary>
internal sealed class LacpRunner : Runner, ILacpStatus
{
    private readonly JsonObject _config;
    private readonly TxDistribution _distribution;
    private readonly Dictionary<RunnerPort, LacpPort> _ports = [];
    private LacpConfig _lacp = LacpConfig.Default;
    private AggregatorSelection _selection = new(AggregatorSelectPolicy.LacpPrio);
    private IRunnerHost? _host;
    private bool? _carrier;

    /// <summary>Between Start and Resume: the ports added now are a predecessor's, resumed from its memory.</summary>
    private bool _resuming = true;

    public LacpRunner(JsonObject config)
    {
        _config = config;
        _distribution = new TxDistribution(config);
    }

    public override string Name => RunnerNames.Lacp;


    internal LacpConfig Config => _lacp;

    internal AggregatorSelection Selection => _selection;

    internal LacpPort? this[RunnerPort port] => _ports.GetValueOrDefault(port);

    public override JsonObject? PortCounters(RunnerPort port) => _ports.GetValueOrDefault(port)?.CountersJson();

    public override string? Validate()
    {
        LacpConfig? parsed = LacpConfig.Parse(_config, out string? error);
        if (parsed is null)
        {
            return error;
        }
        _lacp = parsed;
        _selection = new AggregatorSelection(parsed.Policy);
        return _distribution.Validate();
    }

    public override void Start(IRunnerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        _distribution.Start(host);
        // teamd drives the carrier itself from the start (lacp_carrier_init): no partner, no carrier.
        SetCarrier(host, false);
        RegisterState(host);
    }

    /// <summary>Startup is over: ports added from now on start as LACP says (EXPIRED), not from a predecessor's memory.</summary>
    public override void Resume(IRunnerHost host) => _resuming = false;

    /// <summary>The <c>runner</c> object of the state dump (teamd's lacp_state_vals).</summary>
    private void RegisterState(IRunnerHost host)
    {
        StateScope runner = new(host.State, this, "runner");
        runner.Add("active", StateValue.Bool(() => _lacp.Active));
        runner.Add("fast_rate", StateValue.Bool(() => _lacp.FastRate));
        runner.Add("select_policy", StateValue.String(() => _lacp.PolicyName));
        runner.Add("sys_prio", StateValue.Int(() => _lacp.SystemPriority));
        _distribution.RegisterState(runner);
    }

    public override void PortAdded(IRunnerHost host, RunnerPort port)
    {
        _host = host;
        // A port joins disabled and carries the team's MAC (teamd lacp_port_added, lacp_port_set_mac).
        host.Team.SetOption(TeamOptionNames.Enabled, OptionValue.FromBool(false), port.Name);
        if (host.Team.GetPort(port.Name) is { } info && info.Address != host.Team.Address)
        {
            host.Team.SetPortAddress(port.Name, host.Team.Address);
        }
        LacpPort lacpPort = new(this, host, _lacp, port);
        _ports[port] = lacpPort;
        lacpPort.RegisterState(new StateScope(host.State, lacpPort, "ports", port.Name, "runner"), () => IsSelected(lacpPort), selected => SelectAggregator(port, selected));
        lacpPort.Start(_resuming);
        Reselect();
        Flush();
    }

    public override void PortRemoved(IRunnerHost host, RunnerPort port)
    {
        if (_ports.Remove(port, out LacpPort? lacpPort))
        {
            host.State.Unregister(lacpPort);
            lacpPort.Forget();
            lacpPort.Dispose();
            Reselect();
            Flush();
        }
    }

    public override void PortChanged(IRunnerHost host, RunnerPort port)
    {
        if (_ports.TryGetValue(port, out LacpPort? lacpPort))
        {
            lacpPort.LinkChanged();
            // A speed change matters to the bandwidth policy even when the port state does not change.
            Reselect();
            Flush();
        }
    }

    /// <summary>The team was brought down or up: every port goes DISABLED and silent, or starts over from EXPIRED.</summary>
    public override void TeamStateChanged(IRunnerHost host)
    {
        foreach (LacpPort p in _ports.Values)
        {
            p.LinkChanged();
        }
        Reselect();
        Flush();
    }

    /// <summary>A new <c>lacp_key</c>, <c>lacp_prio</c>, <c>prio</c> or <c>sticky</c> applies at once (teamd reads them only when the port is added).</summary>
    public override void PortConfigChanged(IRunnerHost host, RunnerPort port) => PortChanged(host, port);

    public override void OptionsChanged(IRunnerHost host, IReadOnlyList<TeamOption> options) => _distribution.OptionsChanged(host, options);

    /// <summary>Reruns selection and applies it: actor states, enabled ports, carrier. Transmission is left to <see cref="Flush"/>.</summary>
    internal void Reselect()
    {
        if (_host is not IRunnerHost host)
        {
            return;
        }
        _selection.Run(_ports.Values);
        Aggregator? selected = _selection.Selected;
        foreach (LacpPort p in _ports.Values)
        {
            p.ApplySelection(p.Aggregator is not null && p.Aggregator == selected);
        }
        int enabled = 0;
        // Enable the newcomers before disabling the leavers, in one update: an aggregator switch is published
        // as one snapshot, never one with no port enabled.
        using (host.Team.BeginUpdate())
        {
            foreach (bool turnOn in new[] { true, false })
            {
                foreach (LacpPort p in _ports.Values)
                {
                    bool want = p.CollectingDistributing;
                    if (want == turnOn && host.Team.GetOption(TeamOptionNames.Enabled, p.Port.Name).AsBool != want)
                    {
                        host.Team.SetOption(TeamOptionNames.Enabled, OptionValue.FromBool(want), p.Port.Name);
                    }
                    if (want && turnOn)
                    {
                        enabled++;
                    }
                }
            }
        }
        SetCarrier(host, enabled >= _lacp.MinPorts);
    }

    /// <summary>Lets every port transmit what selection flagged.</summary>
    internal void Flush()
    {
        foreach (LacpPort p in _ports.Values)
        {
            p.Transmit();
        }
    }

    private void SetCarrier(IRunnerHost host, bool carrier)
    {
        if (_carrier != carrier)
        {
            _carrier = carrier;
            host.Team.SetCarrier(carrier);
            host.Log($"{host.Team.Name}: carrier changed to {(carrier ? "UP" : "DOWN")}");
        }
    }

    private bool IsSelected(LacpPort port) => port.Aggregator is not null && port.Aggregator == _selection.Selected;

    public LacpPortStatus? GetPortStatus(RunnerPort port) => _ports.TryGetValue(port, out LacpPort? p)
        ? new LacpPortStatus(p.Actor.State, p.Partner.State, p.Aggregator is not null, IsSelected(p), p.Aggregator?.Id ?? 0, p.State, p.Counters)
        : null;

    /// <summary>
    /// <c>ports.X.runner.aggregator.selected true</c> makes the port's aggregator the selected one; as in teamd
    /// only <c>true</c> is accepted. It holds until that aggregator has no ports left.
    /// </summary>
    private StateSetResult SelectAggregator(RunnerPort port, bool selected)
    {
        if (!selected)
        {
            return StateSetResult.Refused($"ports.{port.Name}.runner.aggregator.selected: \"false\" is not accepted (expected true)");
        }
        if (!_ports.TryGetValue(port, out LacpPort? p) || p.Aggregator is not Aggregator agg)
        {
            return StateSetResult.Refused($"ports.{port.Name}.runner.aggregator.selected: {port.Name} is in no aggregator");
        }
        _selection.Pinned = agg.LagId;
        Reselect();
        Flush();
        return StateSetResult.Ok;
    }

    public override void Stop(IRunnerHost host)
    {
        foreach (LacpPort p in _ports.Values)
        {
            host.State.Unregister(p);
            p.Dispose();
        }
        _ports.Clear();
        host.State.Unregister(this);
        SetCarrier(host, false);
    }
}
