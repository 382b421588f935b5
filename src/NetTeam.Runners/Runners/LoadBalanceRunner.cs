using System.Text.Json.Nodes;
using NetTeam.Device.Options;
using NetTeam.Runners.Distribution;
using NetTeam.Runners.State;

namespace NetTeam.Runners;

/// <summary>
/// loadbalance (libteam teamd/teamd_runner_loadbalance.c): the tx hash and optional balancer of
/// <see cref="TxDistribution"/>, and ports disabled while their link watch is down.
/// </summary>
internal sealed class LoadBalanceRunner : Runner
{
    private readonly TxDistribution _distribution;

    public LoadBalanceRunner(JsonObject config) => _distribution = new TxDistribution(config);

    public override string Name => RunnerNames.LoadBalance;


    public override string? Validate() => _distribution.Validate();

    public override void Start(IRunnerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _distribution.Start(host);
        _distribution.RegisterState(new StateScope(host.State, this, "runner"));
    }

    public override void Stop(IRunnerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.State.Unregister(this);
    }

    public override void PortAdded(IRunnerHost host, RunnerPort port) => PortChanged(host, port);

    // The kernel's loadbalance does no txable check: a port whose link is down must be disabled.
    public override void PortChanged(IRunnerHost host, RunnerPort port) => EnableWhileUp(host, port);

    public override void OptionsChanged(IRunnerHost host, IReadOnlyList<TeamOption> options) => _distribution.OptionsChanged(host, options);
}
