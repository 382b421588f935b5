using System.Text.Json.Nodes;
using NetTeam.Device;
using NetTeam.Device.Ports;
using NetTeam.Device.Tests.Fakes;
using NetTeam.Interop;
using NetTeam.Runners.Host;
using NetTeam.Runners.LinkWatchers;
using NetTeam.Runners.State;

namespace NetTeam.Runners.Tests;

/// <summary>
/// A runner over a team on in-memory links, fed link changes the way the daemon feeds them. Ports added with
/// <see cref="AddWatched"/> get real link watchers, as netteamd gives them; <see cref="Add"/> ports have a
/// verdict the test sets directly.
/// </summary>
internal sealed class RunnerHarness : IRunnerHost, IDisposable
{
    private readonly List<RunnerPort> _ports = [];

    public RunnerHarness(string runnerJson, params string[] ports)
    {
        Links = new FakeLinks();
        // netteamd creates its team up (TeamCreateOptions.Up).
        FakeLink team = Links.Add("team0", flags: LinkFlags.Broadcast | LinkFlags.Multicast | LinkFlags.Up);
        foreach (string p in ports)
        {
            Links.Add(p);
        }
        TeamInterface = new FakeTeamInterface("team0", team.Index);
        Team = new TeamDevice(TeamInterface, Links, DataPlane, Time, null);
        JsonObject config = JsonNode.Parse(runnerJson)!.AsObject();
        Runner = Runner.Create(config["name"]!.GetValue<string>(), config)!;
        Assert.Null(Runner.Validate());
        Team.SetOption("mode", Runner.KernelMode);
        Runner.Start(this);
    }

    public FakeLinks Links { get; }

    public FakeTeamInterface TeamInterface { get; }

    public FakeDataPlane DataPlane { get; } = new();

    public FakeTime Time { get; } = new();

    /// <summary>What the runner keeps for its successor; pass one harness's to the next to model a restart.</summary>
    public FakeRunnerMemory Memory { get; init; } = new();

    IRunnerMemory IRunnerHost.Memory => Memory;

    TimeProvider IRunnerHost.Time => Time;

    public TeamDevice Team { get; }

    ITeamControl IRunnerHost.Team => Team;

    public Runner Runner { get; }

    /// <summary>The state the runner and the watchers registered, as netteamd keeps it.</summary>
    public StateTree State { get; } = new();

    IStateRegistry IRunnerHost.State => State;

    public IReadOnlyList<RunnerPort> Ports => _ports;

    public Dictionary<RunnerPort, PortLinkWatchSet> Watches { get; } = [];

    public List<string> Messages { get; } = [];

    /// <summary>Every control-frame channel the runner or its watchers opened, in order.</summary>
    public List<FakeFrameChannel> Channels { get; } = [];

    public void Log(string message) => Messages.Add(message);

    /// <summary>Timers fire inline when the test advances <see cref="Time"/>, as on the daemon's loop.</summary>
    public IRunnerTimer CreateTimer(Action callback) => new RunnerTimer(Time, a => a(), callback);

    public IFrameChannel OpenChannel(RunnerPort port, FrameSelector selector, FrameReceived onFrame)
    {
        FakeFrameChannel channel = new(port, selector, onFrame) { Clock = Time };
        Channels.Add(channel);
        return channel;
    }

    public RunnerPort Add(string name, string portConfig = "{}", int speed = 10000)
    {
        Team.AddPort(name);
        TeamPortInfo info = Team.GetPort(name)!;
        RunnerPort port = new(name, JsonNode.Parse(portConfig)!.AsObject())
        {
            IfIndex = info.IfIndex,
            PermanentAddress = info.PermanentAddress,
            Link = new PortLink(true, speed, Duplex.Full),
            LinkWatchUp = true,
        };
        _ports.Add(port);
        Runner.PortAdded(this, port);
        return port;
    }

    /// <summary>Adds a port with link watchers from <paramref name="globalWatch"/> and the port config, as netteamd does.</summary>
    public RunnerPort AddWatched(string name, string portConfig = "{}", string? globalWatch = null, bool policyAll = false)
    {
        Team.AddPort(name);
        TeamPortInfo info = Team.GetPort(name)!;
        RunnerPort port = new(name, JsonNode.Parse(portConfig)!.AsObject())
        {
            IfIndex = info.IfIndex,
            PermanentAddress = info.PermanentAddress,
            Link = info.Link,
        };
        _ports.Add(port);
        JsonNode? global = globalWatch is null ? null : JsonNode.Parse(globalWatch);
        PortLinkWatchSet set = new(this, port, PortLinkWatchSet.FromConfig(global, port.Config["link_watch"]), policyAll, () =>
        {
            Runner.PortChanged(this, port);
            RefreshForcedSend();
        });
        Watches[port] = set;
        set.Start();
        Runner.PortAdded(this, port);
        RefreshForcedSend();
        return port;
    }

    /// <summary>What netteamd does after every change of a port's enabled option.</summary>
    public void RefreshForcedSend() => PortLinkWatchSet.RefreshForcedSend(this, Watches.Values);

    /// <summary>The port's carrier changes, as an rtnetlink event reports it to a watched port.</summary>
    public void SetCarrier(RunnerPort port, bool up)
    {
        Links[port.Name].Carrier = up;
        port.Link = up ? new PortLink(true, 10000, Duplex.Full) : new PortLink(false, 0, Duplex.Half);
        bool before = port.LinkWatchUp;
        Watches[port].PortLinkChanged();
        if (port.LinkWatchUp == before)
        {
            Runner.PortChanged(this, port);
        }
        RefreshForcedSend();
    }

    public void SetLink(RunnerPort port, bool up)
    {
        port.LinkWatchUp = up;
        port.Link = up ? port.Link with { Up = true } : new PortLink(false, 0, Duplex.Half);
        Runner.PortChanged(this, port);
    }

    /// <summary>Advances the clock in steps, refreshing forced_send after each as the daemon does on enabled events.</summary>
    public void Advance(TimeSpan by, TimeSpan? step = null)
    {
        TimeSpan s = step ?? TimeSpan.FromMilliseconds(10);
        for (TimeSpan done = TimeSpan.Zero; done < by; done += s)
        {
            Time.Advance(s < by - done ? s : by - done);
            RefreshForcedSend();
        }
    }

    public void Remove(RunnerPort port)
    {
        _ports.Remove(port);
        if (Watches.Remove(port, out PortLinkWatchSet? set))
        {
            set.Dispose();
        }
        Team.RemovePort(port.Name);
        Runner.PortRemoved(this, port);
    }

    public FakeFrameChannel Channel(RunnerPort port) => Channels.Last(c => c.Port == port && !c.Disposed);

    public string? Active => State.Get(["runner", "active_port"]).Text;

    /// <summary>The runner's object in the state dump, or null when it registered none.</summary>
    public JsonObject? RunnerState() => State.Dump(["runner"]);

    /// <summary>The port's runner object in the state dump (lacp), or null.</summary>
    public JsonObject? PortRunnerState(RunnerPort port) => State.Dump(["ports", port.Name, "runner"]);

    /// <summary>The port's link_watches object in the state dump.</summary>
    public JsonObject LinkWatchState(RunnerPort port) => State.Dump(["ports", port.Name, "link_watches"])!;

    /// <summary><c>state item set runner.PATH</c>: false when there is no such writable item, true with the reason when refused.</summary>
    public bool TrySetState(string path, string value, out string? error) => TrySet(["runner", .. path.Split('.')], value, out error);

    /// <summary><c>state item set ports.PORT.runner.PATH</c>, as <see cref="TrySetState"/>.</summary>
    public bool TrySetPortState(RunnerPort port, string path, string value, out string? error) =>
        TrySet(["ports", port.Name, "runner", .. path.Split('.')], value, out error);

    private bool TrySet(string[] path, string value, out string? error)
    {
        StateItem item = State.Set(path, value);
        error = item.Status == StateItemStatus.Refused ? item.Text : null;
        return item.Status is StateItemStatus.Ok or StateItemStatus.Refused;
    }

    public bool Enabled(string port) => Team.GetOption("enabled", port).AsBool;

    public void Dispose()
    {
        foreach (PortLinkWatchSet set in Watches.Values)
        {
            set.Dispose();
        }
        Team.Dispose();
    }
}
