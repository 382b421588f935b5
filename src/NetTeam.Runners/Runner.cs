using NetTeam.Device;
using System.Text.Json.Nodes;
using NetTeam.Device.Options;

namespace NetTeam.Runners;

/// <summary>
/// A teamd runner (libteam teamd/teamd_runner_*.c): policy over one kernel mode, driven only through the
/// device's options and port API. All calls come from the daemon's single event-loop thread.
/// </summary>
public abstract class Runner
{
    /// <summary>The runner's name in teamd's config (<c>runner.name</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The failovers this runner made (activebackup's active-port changes; none for the others).</summary>
    public FailoverStatistics Failovers { get; } = new();

    /// <summary>The team mode it drives (lacp drives loadbalance).</summary>
    public string KernelMode => RunnerDescriptor.Find(Name)?.ModeName ?? throw new InvalidOperationException($"Runner {Name} is not registered.");

    /// <summary>Every runner teamd knows, in teamd's order (teamd -h).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. RunnerDescriptor.All.Select(d => d.Name)];

    /// <summary>Makes the runner of that name from its <c>runner</c> config; null for an unknown name.</summary>
    public static Runner? Create(string name, JsonObject runnerConfig) => RunnerDescriptor.Find(name)?.Create(runnerConfig);

    /// <summary>Validates the runner's config keys; returns the error (naming key, value and expectation) or null.</summary>
    public virtual string? Validate() => null;

    /// <summary>
    /// The runner's control-frame counters for <paramref name="port"/> (what came in, what was dropped and why),
    /// for NetTeam's Statistics method; null for runners that receive no control frames.
    /// </summary>
    public virtual JsonObject? PortCounters(RunnerPort port) => null;

    /// <summary>
    /// Called once the mode is set, before ports are added. A runner registers its state values here
    /// (<see cref="IRunnerHost.State"/>, under <c>runner</c>) and its per-port ones when a port is added
    /// (under <c>ports.PORT.runner</c>), and unregisters them when the port goes or it stops.
    /// </summary>
    public virtual void Start(IRunnerHost host)
    {
    }

    /// <summary>A port joined the team (the device enabled it, as the kernel does).</summary>
    public virtual void PortAdded(IRunnerHost host, RunnerPort port)
    {
    }

    public virtual void PortRemoved(IRunnerHost host, RunnerPort port)
    {
    }

    /// <summary>The link watchers' verdict or the port's link changed.</summary>
    public virtual void PortChanged(IRunnerHost host, RunnerPort port)
    {
    }

    /// <summary>The team interface was brought up or down (<see cref="Device.TeamDevice.IsUp"/>).</summary>
    public virtual void TeamStateChanged(IRunnerHost host)
    {
    }

    /// <summary>The port's config was replaced (PortConfigUpdate).</summary>
    public virtual void PortConfigChanged(IRunnerHost host, RunnerPort port) => PortChanged(host, port);

    /// <summary>The device reported changed options (lb stats for the balancer).</summary>
    public virtual void OptionsChanged(IRunnerHost host, IReadOnlyList<Device.Options.TeamOption> options)
    {
    }

    /// <summary>
    /// Called once after the configured ports were added at start: a runner resumes what a predecessor left in
    /// <see cref="IRunnerHost.Memory"/> (after a crash or a handover), so the team's neighbours see no change.
    /// </summary>
    public virtual void Resume(IRunnerHost host)
    {
    }

    /// <summary>The daemon is stopping: stop timers and close channels (ports are removed after this).</summary>
    public virtual void Stop(IRunnerHost host)
    {
    }

    /// <summary>
    /// A port is enabled exactly while its link watch is up (teamd_port_check_enable, used by the basic runners
    /// and loadbalance): the kernel's hash modes do not skip a port whose link is down, so the runner must.
    /// </summary>
    protected static void EnableWhileUp(IRunnerHost host, RunnerPort port)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(port);
        if (host.Team.GetOption(TeamOptionNames.Enabled, port.Name).AsBool != port.LinkWatchUp)
        {
            host.Team.SetOption(TeamOptionNames.Enabled, Device.Options.OptionValue.FromBool(port.LinkWatchUp), port.Name);
        }
    }
}
