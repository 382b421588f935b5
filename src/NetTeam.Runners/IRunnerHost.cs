using NetTeam.Device;
using NetTeam.Runners.Host;
using NetTeam.Runners.State;

namespace NetTeam.Runners;

/// <summary>
/// What runners and link watchers may use: the team device (through its option and port API only), the
/// ports, the clock, timers and control-frame channels, the state registry, and a log. Every callback (timers, received
/// frames) arrives on the daemon's event-loop thread, as every call into a runner does, so policy code
/// needs no locks (design.md, "Control work runs on one logical thread").
/// </summary>
public interface IRunnerHost
{
    ITeamControl Team { get; }

    IReadOnlyList<RunnerPort> Ports { get; }

    /// <summary>The injected clock (a fake one in unit tests).</summary>
    TimeProvider Time { get; }

    void Log(string message);

    /// <summary>The state the daemon dumps (teamdctl state), where runners and watchers register their values.</summary>
    IStateRegistry State { get; }

    /// <summary>Policy state kept for the next daemon of this team (a restart or a handover resumes from it).</summary>
    IRunnerMemory Memory { get; }

    /// <summary>A one-shot timer whose callback runs on the event loop; re-arm it with Start.</summary>
    IRunnerTimer CreateTimer(Action callback);

    /// <summary>
    /// A packet channel on the port for control frames (LACPDUs, ARP and NS/NA probes), separate from the data
    /// plane: only frames that <paramref name="selector"/> accepts are delivered, on the event loop, and never
    /// our own transmissions. Frames are untrusted: handlers check every length.
    /// </summary>
    IFrameChannel OpenChannel(RunnerPort port, FrameSelector selector, FrameReceived onFrame);
}
