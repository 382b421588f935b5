using System.Text.Json.Nodes;
using NetTeam.Device;
using NetTeam.Device.Ports;
using NetTeam.Device.Tests.Fakes;
using NetTeam.Interop;
using NetTeam.Runners.Host;

namespace NetTeam.Runners.Tests;

/// <summary>A runner over a team on in-memory links, fed link changes the way the daemon feeds them.</summary>
internal sealed class RunnerHarness : IRunnerHost, IDisposable
{
    private readonly List<RunnerPort> _ports = [];

    public RunnerHarness(string runnerJson, params string[] ports)
    {
        Links = new FakeLinks();
        FakeLink team = Links.Add("team0");
        foreach (string p in ports)
        {
            Links.Add(p);
        }
        Team = new TeamDevice(new FakeTeamInterface("team0", team.Index), Links, DataPlane, Time, null);
        JsonObject config = JsonNode.Parse(runnerJson)!.AsObject();
        Runner = Runner.Create(config["name"]!.GetValue<string>(), config)!;
        Assert.Null(Runner.Validate());
        Team.SetOption("mode", Runner.KernelMode);
        Runner.Start(this);
    }

    public FakeLinks Links { get; }

    public FakeDataPlane DataPlane { get; } = new();

    public FakeTime Time { get; } = new();

    TimeProvider IRunnerHost.Time => Time;

    /// <summary>Every control-frame channel the runner or its watchers opened, in order.</summary>
    public List<FakeFrameChannel> Channels { get; } = [];

    /// <summary>Timers fire inline when the test advances <see cref="Time"/>, as on the daemon's loop.</summary>
    public IRunnerTimer CreateTimer(Action callback) => new RunnerTimer(Time, a => a(), callback);

    public IFrameChannel OpenChannel(RunnerPort port, FrameSelector selector, FrameReceived onFrame)
    {
        FakeFrameChannel channel = new(port, selector, onFrame) { Clock = Time };
        Channels.Add(channel);
        return channel;
    }

    public TeamDevice Team { get; }

    public Runner Runner { get; }

    public IReadOnlyList<RunnerPort> Ports => _ports;

    public List<string> Messages { get; } = [];

    public void Log(string message) => Messages.Add(message);

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

    public void SetLink(RunnerPort port, bool up)
    {
        port.LinkWatchUp = up;
        port.Link = up ? port.Link with { Up = true } : new PortLink(false, 0, Duplex.Half);
        Runner.PortChanged(this, port);
    }

    public void Remove(RunnerPort port)
    {
        _ports.Remove(port);
        Team.RemovePort(port.Name);
        Runner.PortRemoved(this, port);
    }

    public string? Active => Runner.StateDump(this)?["active_port"]?.GetValue<string>();

    public bool Enabled(string port) => Team.GetOption("enabled", port).AsBool;

    public void Dispose() => Team.Dispose();
}
