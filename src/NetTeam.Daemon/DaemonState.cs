using NetTeam.Control;
using NetTeam.Device;
using NetTeam.Device.Ports;
using NetTeam.Interop;
using NetTeam.Runners;
using NetTeam.Runners.State;

namespace NetTeam.Daemon;

/// <summary>
/// The state tree netteamd dumps (teamd-spec §3.6), and the daemon's own values in it: <c>setup</c>,
/// <c>team_device.ifinfo</c>, and each port's <c>ifinfo</c> and <c>link</c> (teamd_state_basics.c). The runner
/// and the link watchers register theirs through <see cref="IRunnerHost.State"/>. The one writable value of
/// the daemon's is <c>setup.debug_level</c>.
/// </summary>
internal sealed class DaemonState
{
    public DaemonState(DaemonSettings settings)
    {
        Settings = settings;
        DebugLevel = settings.DebugLevel;
        // teamd's dump always has a ports object, empty while there are none.
        Tree.Pin(["ports"]);
    }

    public StateTree Tree { get; } = new();

    public DaemonSettings Settings { get; }

    public int DebugLevel { get; private set; }

    /// <summary>setup and team_device, once the team exists.</summary>
    public void RegisterTeam(TeamDevice team, string runnerName)
    {
        StateScope setup = new(Tree, this, "setup");
        // NetTeam's: which data plane moves the frames (ebpf or userspace), after auto chose.
        setup.Add("data_plane", StateValue.String(() => team.DataPlane.ToString().ToLowerInvariant()));
        setup.Add("daemonized", StateValue.Bool(() => Settings.Daemonized));
        setup.Add("dbus_enabled", StateValue.Bool(() => false));
        setup.Add("debug_level", StateValue.Int(() => DebugLevel, SetDebugLevel));
        setup.Add("kernel_team_mode_name", StateValue.String(() => team.ModeName));
        setup.Add("pid", StateValue.Int(() => Environment.ProcessId));
        setup.Add("pid_file", StateValue.String(() => Settings.PidFile));
        setup.Add("runner_name", StateValue.String(() => runnerName));
        // NetTeam's: which build answers, the same text as netteamd --version prints.
        setup.Add("version", StateValue.String(() => NetTeamVersion.Text));
        setup.Add("zmq_enabled", StateValue.Bool(() => false));
        RegisterIfinfo(new StateScope(Tree, this, "team_device", "ifinfo"), () => (team.Address, team.IfIndex, team.Name));
    }

    /// <summary>
    /// A port's ifinfo and link, read from the device. The port is left out of the dump once the device has
    /// dropped it, before the daemon has heard so.
    /// </summary>
    public void RegisterPort(ITeamControl team, RunnerPort port)
    {
        string name = port.Name;
        TeamPortInfo Info() => team.GetPort(name) ?? throw new InvalidOperationException($"{name} is not a port of {team.Name}.");
        Tree.Guard(["ports", name], () => team.GetPort(name) is not null);
        StateScope scope = new(Tree, port, "ports", name);
        RegisterIfinfo(scope.Child("ifinfo"), () => (Info().Address, Info().IfIndex, Info().Name));
        StateScope link = scope.Child("link");
        link.Add("duplex", StateValue.String(() => Info().Link.Duplex == Duplex.Full ? "full" : "half"));
        link.Add("speed", StateValue.Int(() => Info().Link.SpeedMbps));
        link.Add("up", StateValue.Bool(() => Info().Link.Up));
    }

    /// <summary>A port that left takes its whole object with it, whoever registered the values in it.</summary>
    public void RemovePort(RunnerPort port) => Tree.Remove(["ports", port.Name]);

    private static void RegisterIfinfo(StateScope scope, Func<(MacAddress Address, int IfIndex, string Name)> read)
    {
        scope.Add("dev_addr", StateValue.String(() => read().Address.ToString()));
        scope.Add("dev_addr_len", StateValue.Int(() => 6));
        scope.Add("ifindex", StateValue.Int(() => read().IfIndex));
        scope.Add("ifname", StateValue.String(() => read().Name));
    }

    private StateSetResult SetDebugLevel(long level)
    {
        if (level > int.MaxValue)
        {
            return StateSetResult.Refused($"setup.debug_level: {level} is too large");
        }
        DebugLevel = (int)level;
        return StateSetResult.Ok;
    }
}
