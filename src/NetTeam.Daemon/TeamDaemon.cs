using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NetTeam.Control.Protocol;
using NetTeam.Control.Server;
using NetTeam.Daemon.Config;
using NetTeam.Daemon.Metrics;
using NetTeam.Device;
using NetTeam.Device.Options;
using NetTeam.Device.Threading;
using NetTeam.Interop;
using NetTeam.Runners;
using NetTeam.Runners.Host;
using NetTeam.Runners.Linux;
using NetTeam.Runners.State;

namespace NetTeam.Daemon;

/// <summary>
/// netteamd's core: the team device, the runner, the ports and the control methods, and their lifecycle.
/// Everything that changes state runs on one event-loop thread (design.md, "Control work runs on one logical
/// thread"), so the runner needs no locks; control requests and device events are posted to it.
/// </summary>
internal sealed partial class TeamDaemon : IRunnerHost, IControlHandler, IDisposable
{
    private readonly ControlLoop _loop;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly DaemonSettings _settings;
    private readonly Runner _runner;
    private readonly DaemonState _state;
    private readonly DaemonPorts _ports;
    private readonly MonitorPublisher _monitor = new();
    private readonly TeamEventFanout _fanout;
    private readonly ControlCommands _commands;
    private readonly ControlRequestCounts _requests = new();
    private readonly DaemonMetrics _metrics;
    private readonly ManualResetEventSlim _handover = new();
    private RunnerMemoryFile _memory;
    private TeamDevice? _team;
    private bool _keepTeam;
    private ITimer? _watchdog;

    public TeamDaemon(TeamdConfig config, DaemonSettings settings, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("netteamd");
        Config = config;
        // One control thread for the team and its policy (design.md): the device, the runner, the watchers
        // and the control methods all run on it, and so do their timers (the loop's own clock).
        _loop = ControlLoop.Start("netteamd-loop", _logger);
        _loop.Fatal = OnFatal;
        Time = time ?? _loop.Time;
        _settings = settings;
        _runner = Runner.Create(config.RunnerName, config.RunnerConfig)
            ?? throw new ConfigException($"runner.name: No runner named \"{config.RunnerName}\" available.");
        if (_runner.Validate() is string error)
        {
            throw new ConfigException(error);
        }
        _memory = RunnerMemoryFile.Unopened(config.Device);
        _state = new DaemonState(settings);
        _ports = new DaemonPorts(this, _runner, config, _state, () => Team, _logger);
        _fanout = new TeamEventFanout(this, _runner, _ports, _monitor);
        _metrics = new DaemonMetrics(_runner, _ports, _requests, Time.GetUtcNow());
        _commands = new ControlCommands(config, _ports, _state.Tree, () => Team, _monitor, Handover, () => _metrics.Collect(Team).ToText(), _logger);
    }

    /// <summary>A bug escaped the loop: say so, put every port back and end the process (no half-configured port).</summary>
    private void OnFatal(Exception error)
    {
        LogLoopError(_logger, error.ToString());
        try
        {
            _team?.Dispose();
        }
        finally
        {
            Environment.Exit(70);
        }
    }

    public TeamdConfig Config { get; }

    public TeamDevice Team => _team ?? throw new InvalidOperationException("The team is not created yet.");

    ITeamControl IRunnerHost.Team => Team;

    public IReadOnlyList<RunnerPort> Ports => _ports.List;

    public TimeProvider Time { get; }

    IStateRegistry IRunnerHost.State => _state.Tree;

    IRunnerMemory IRunnerHost.Memory => _memory;

    /// <summary>Set when a successor asked for the team (the Handover method): the process should end, keeping it.</summary>
    public WaitHandle HandoverRequested => _handover.WaitHandle;

    /// <summary>teamd's methods and NetTeam's, from the one table.</summary>
    public IReadOnlyDictionary<string, int> Methods => ControlMethods.ArgCounts;

    void IRunnerHost.Log(string message) => LogRunner(_logger, message);

    public IRunnerTimer CreateTimer(Action callback) => new RunnerTimer(Time, Post, callback);

    public IFrameChannel OpenChannel(RunnerPort port, FrameSelector selector, FrameReceived onFrame) =>
        PacketFrameChannel.Open(port.IfIndex, selector, _loop, onFrame);

    public Task<ControlReply> HandleAsync(string method, string[] args, CancellationToken cancellationToken) =>
        InvokeAsync(() =>
        {
            ControlReply reply = _commands.Handle(method, args);
            _requests.Count(method, reply);
            return reply;
        });

    /// <summary>The metrics for an HTTP scrape: collected on the loop (where the state lives), written here.</summary>
    public async Task<string> ScrapeAsync(CancellationToken cancellationToken)
    {
        Control.Metrics.MetricSet metrics = await InvokeAsync(() => _metrics.Collect(Team)).ConfigureAwait(false);
        return metrics.ToText();
    }

    /// <summary>A streaming method's events (NetTeam's Monitor), opened on the caller's thread; null for the others.</summary>
    public IAsyncEnumerable<string>? OpenStream(string method, CancellationToken cancellationToken)
    {
        IAsyncEnumerable<string>? stream = ControlMethods.Find(method)?.Stream?.Invoke(_commands, cancellationToken);
        if (stream is not null)
        {
            // Counted on the loop like the other methods; a stream that opens has succeeded.
            Post(() => _requests.Count(method, ControlReply.Success()));
        }
        return stream;
    }

    /// <summary>Creates the team, starts the runner and adds the configured ports (on the loop thread).</summary>
    public void Start() => Invoke(() =>
    {
        TeamDevice team = TeamDevice.Create(new TeamCreateOptions
        {
            Name = Config.Device,
            Address = Config.Hwaddr,
            Mode = _runner.KernelMode,
            // The team interface outlives the process (a crash, a handover): a clean stop removes it.
            Persist = true,
            TakeOver = _settings.TakeOver,
            Recreate = _settings.ForceRecreate,
            Up = true,
            DataPlane = _settings.DataPlane,
            ControlLoop = _loop,
            // One clock for the device and the runner: a failover's duration spans both.
            TimeProvider = Time,
        }, _loggerFactory);
        _team = team;
        // A team taken over resumes what its predecessor's runner remembered; a new one starts from nothing.
        _memory = RunnerMemoryFile.Open(Config.Device, resume: team.TookOver);
        _state.RegisterTeam(team, _runner.Name);
        ApplyCounter("notify_peers", TeamOptionNames.NotifyPeersCount, TeamOptionNames.NotifyPeersInterval);
        ApplyCounter("mcast_rejoin", TeamOptionNames.McastRejoinCount, TeamOptionNames.McastRejoinInterval);
        team.Changed += (_, e) => Post(() =>
        {
            if (_team is not null)
            {
                _fanout.OnTeamChanged(_team, e);
            }
        });
        _runner.Start(this);
        if (!_settings.NoPorts)
        {
            AddConfiguredPorts(team);
        }
        if (team.TookOver)
        {
            RestoreLeftPorts(team);
        }
        _runner.Resume(this);
        // A plane taken over has forwarded with the old snapshot all along: now the policy agrees on the new one.
        team.ResumePublishing();
        return 0;
    });

    private void ApplyCounter(string key, string countOption, string intervalOption)
    {
        if (Config.Root[key] is JsonObject o)
        {
            Team.SetOption(countOption, OptionValue.FromU32((uint)(o["count"]?.GetValue<int>() ?? 0)));
            Team.SetOption(intervalOption, OptionValue.FromU32((uint)(o["interval"]?.GetValue<int>() ?? 0)));
        }
    }

    /// <summary>
    /// Ports a predecessor had in the team that this daemon does not keep (not in its config, or -n, or
    /// --destroy): taken back and removed at once, which restores them to what they were before any daemon.
    /// </summary>
    private void RestoreLeftPorts(TeamDevice team)
    {
        foreach (string name in team.PortsLeftByPredecessor())
        {
            if (team.GetPort(name) is null && team.TryAddPort(name).IsSuccess)
            {
                team.RemovePort(name);
            }
        }
    }

    private void AddConfiguredPorts(TeamDevice team)
    {
        foreach ((string name, JsonNode? _) in Config.Ports.ToList())
        {
            if (team.GetPort(name) is not null)
            {
                continue;
            }
            try
            {
                _ports.Add(name);
            }
            catch (TeamException ex) when (ex.Error == Errno.ENODEV)
            {
                // teamd skips a configured port that does not exist (libteam issue #19).
                LogPortSkipped(_logger, name);
            }
        }
    }

    /// <summary>Waits, bounded, for team carrier: some port carries traffic (woken by the change, no polling).</summary>
    public bool WaitCarrier(TimeSpan timeout)
    {
        using ManualResetEventSlim up = new(false, spinCount: 0);
        EventHandler<bool> onChange = (_, carrier) =>
        {
            if (carrier)
            {
                up.Set();
            }
        };
        TeamDevice team = Team;
        // Subscribed and read on the loop, so that no change falls between the two.
        _loop.Invoke(() =>
        {
            team.CarrierChanged += onChange;
            if (team.Carrier)
            {
                up.Set();
            }
        });
        try
        {
            return up.Wait(timeout);
        }
        finally
        {
            _loop.Invoke(() => team.CarrierChanged -= onChange);
        }
    }

    /// <summary>
    /// systemd's watchdog: the keep-alive is sent from the control loop, so a loop that hangs stops it and
    /// systemd restarts the daemon (which then takes the team over).
    /// </summary>
    public void StartWatchdog(TimeSpan? interval, Action ping)
    {
        if (interval is TimeSpan every)
        {
            _watchdog = _loop.CreateTimer(Time, ping, TimeSpan.Zero, every);
        }
    }

    /// <summary>
    /// NetTeam's Handover method: a newer daemon takes the team over. This one stops its runner's timers and
    /// frames, then ends without tearing anything down (the reply goes out first; the process ends after).
    /// </summary>
    internal Control.Protocol.ControlReply Handover()
    {
        LogHandover(_logger, Config.Device);
        _keepTeam = true;
        _handover.Set();
        return Control.Protocol.ControlReply.Success();
    }

    // ---- event loop ---------------------------------------------------------------------------------------

    private void Post(Action action) => _loop.Post(action);

    private T Invoke<T>(Func<T> func) => _loop.Invoke(func);

    private Task<T> InvokeAsync<T>(Func<T> func) => _loop.InvokeAsync(func);

    /// <summary>Stops the loop and removes the team, restoring every port.</summary>
    public void Dispose()
    {
        if (_loop.IsDisposed)
        {
            return;
        }
        _watchdog?.Dispose();
        try
        {
            Invoke(() =>
            {
                if (_team is not null)
                {
                    _runner.Stop(this);
                }
                _ports.StopWatches();
                // -N keeps the device and its ports as they are (teamd: "Do not destroy the device on quit"), and so
                // does a handover: the successor takes them over, and a pinned eBPF plane forwards meanwhile.
                if (_settings.NoQuitDestroy || _keepTeam)
                {
                    _team?.Detach();
                }
                else
                {
                    _team?.Dispose();
                    _memory.Forget();
                }
                return 0;
            });
        }
        finally
        {
            _loop.Dispose();
        }
    }

    [LoggerMessage(1, LogLevel.Information, "{Message}")]
    private static partial void LogRunner(ILogger logger, string message);

    [LoggerMessage(2, LogLevel.Warning, "Skipped adding a missing port \"{Port}\".")]
    private static partial void LogPortSkipped(ILogger logger, string port);

    [LoggerMessage(6, LogLevel.Information, "{Team}: handing the team over to a newer daemon")]
    private static partial void LogHandover(ILogger logger, string team);

    [LoggerMessage(5, LogLevel.Error, "Event loop: {Message}")]
    private static partial void LogLoopError(ILogger logger, string message);
}
