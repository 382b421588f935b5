using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NetTeam.Control.Protocol;
using NetTeam.Control.Server;
using NetTeam.Daemon.Config;
using NetTeam.Device;
using NetTeam.Device.Events;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;
using NetTeam.Interop;
using NetTeam.Runners;
using NetTeam.Runners.Host;
using NetTeam.Runners.LinkWatchers;
using NetTeam.Runners.Linux;

namespace NetTeam.Daemon;

/// <summary>
/// netteamd's core: the team device, the runner, the link watches and the control methods. Everything that
/// changes state runs on one event-loop thread (design.md, "Control work runs on one logical thread"), so
/// the runner needs no locks; control requests and device events are posted to it.
/// </summary>
internal sealed partial class TeamDaemon : IRunnerHost, IControlHandler, IDisposable
{
    private readonly BlockingCollection<Action> _loop = [];
    private readonly Thread _loopThread;
    private readonly ILogger _logger;
    private readonly DaemonSettings _settings;
    private readonly List<RunnerPort> _ports = [];
    private readonly Dictionary<RunnerPort, PortLinkWatchSet> _watches = [];
    private readonly Runner _runner;
    private readonly Lazy<FrameReactor> _reactor = new(() => new FrameReactor());
    private TeamDevice? _team;
    private int _debugLevel;

    private readonly ILoggerFactory _loggerFactory;

    public TeamDaemon(TeamdConfig config, DaemonSettings settings, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _loggerFactory = loggerFactory;
        ILogger logger = loggerFactory.CreateLogger("netteamd");
        Config = config;
        Time = time ?? TimeProvider.System;
        _settings = settings;
        _logger = logger;
        _debugLevel = settings.DebugLevel;
        _runner = Runner.Create(config.RunnerName, config.RunnerConfig)
            ?? throw new ConfigException($"runner.name: No runner named \"{config.RunnerName}\" available.");
        if (_runner.Validate() is string error)
        {
            throw new ConfigException(error);
        }
        _loopThread = new Thread(RunLoop) { IsBackground = true, Name = "netteamd-loop" };
        _loopThread.Start();
    }

    public TeamdConfig Config { get; }

    public TeamDevice Team => _team ?? throw new InvalidOperationException("The team is not created yet.");

    ITeamControl IRunnerHost.Team => Team;

    public IReadOnlyList<RunnerPort> Ports => _ports;

    public TimeProvider Time { get; }

    public IReadOnlyDictionary<string, int> Methods { get; } = new Dictionary<string, int>(UsockCodec.TeamdMethods)
    {
        // NetTeam's own methods for teamnl's commands.
        ["OptionsGet"] = 0,
        ["OptionSet"] = 4,
        ["PortList"] = 0,
        ["Monitor"] = 0,
    };

    private readonly MonitorFeed _monitor = new();
    private Dictionary<int, (string Name, MacAddress Address, int Master)> _ifinfos = [];

    /// <summary>NetTeam's Monitor method: the change events of the team, as teamnl monitor shows them.</summary>
    public IAsyncEnumerable<string>? OpenStream(string method, CancellationToken cancellationToken) =>
        method == "Monitor" ? _monitor.Subscribe(cancellationToken) : null;

    void IRunnerHost.Log(string message) => LogRunner(_logger, message);

    public IRunnerTimer CreateTimer(Action callback) => new RunnerTimer(Time, Post, callback);

    public IFrameChannel OpenChannel(RunnerPort port, FrameSelector selector, FrameReceived onFrame) =>
        PacketFrameChannel.Open(port.IfIndex, selector, _reactor.Value, Post, onFrame);

    /// <summary>Creates the team, starts the runner and adds the configured ports (on the loop thread).</summary>
    public void Start() => Invoke(() =>
    {
        TeamDevice team = TeamDevice.Create(new TeamCreateOptions
        {
            Name = Config.Device,
            Address = Config.Hwaddr,
            Mode = _runner.KernelMode,
            Persist = _settings.NoQuitDestroy,
            TakeOver = _settings.TakeOver,
            Recreate = _settings.ForceRecreate,
            Up = true,
        }, _loggerFactory);
        _team = team;
        ApplyCounter("notify_peers", "notify_peers_count", "notify_peers_interval");
        ApplyCounter("mcast_rejoin", "mcast_rejoin_count", "mcast_rejoin_interval");
        team.Changed += (_, e) => Post(() => OnTeamChanged(e));
        _runner.Start(this);
        if (!_settings.NoPorts)
        {
            foreach ((string name, JsonNode? _) in Config.Ports.ToList())
            {
                if (team.GetPort(name) is not null)
                {
                    continue;
                }
                try
                {
                    AddPortCore(name);
                }
                catch (TeamException ex) when (ex.Error == Errno.ENODEV)
                {
                    // teamd skips a configured port that does not exist (libteam issue #19).
                    LogPortSkipped(_logger, name);
                }
            }
        }
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

    private void AddPortCore(string name)
    {
        JsonObject portConfig = Config.Ports[name] as JsonObject ?? [];
        Team.AddPort(name);
        TeamPortInfo info = Team.GetPort(name)!;
        RunnerPort port = new(name, portConfig) { IfIndex = info.IfIndex, Link = info.Link, PermanentAddress = info.PermanentAddress };
        try
        {
            _ports.Add(port);
            StartWatches(port);
            // teamd writes the port's prio and queue_id to the kernel options.
            Team.SetOption("priority", OptionValue.FromS32(port.Prio), name);
            if (portConfig["queue_id"] is JsonNode q)
            {
                Team.SetOption("queue_id", OptionValue.FromU32((uint)q.GetValue<int>()), name);
            }
            _runner.PortAdded(this, port);
            RefreshForcedSend();
        }
        catch (Exception ex) when (ex is TeamException or InvalidOperationException)
        {
            // A refused port add leaves the port as it was: forget it and let the device restore it.
            ForgetPort(port);
            Team.RemovePort(name);
            throw ex as TeamException ?? new TeamException(Errno.EINVAL, ex.Message);
        }
        LogPortAdded(_logger, name);
    }

    private void StartWatches(RunnerPort port)
    {
        bool all = Config.Root["link_watch_policy"]?.GetValue<string>() == "all";
        List<LinkWatch> watches = PortLinkWatchSet.FromConfig(Config.Root["link_watch"], port.Config["link_watch"]);
        PortLinkWatchSet set = new(this, port, watches, all, () =>
        {
            _runner.PortChanged(this, port);
            RefreshForcedSend();
        });
        _watches[port] = set;
        set.Start();
    }

    private void ForgetPort(RunnerPort port)
    {
        _ports.Remove(port);
        if (_watches.Remove(port, out PortLinkWatchSet? set))
        {
            set.Dispose();
        }
    }

    private void RefreshForcedSend() => PortLinkWatchSet.RefreshForcedSend(this, _watches.Values);

    private void OnTeamChanged(TeamChangeEventArgs e)
    {
        if (_team is null)
        {
            return;
        }
        foreach (TeamPortChange change in e.Ports)
        {
            RunnerPort? port = _ports.Find(p => p.IfIndex == change.Port.IfIndex);
            if (port is null)
            {
                continue;
            }
            if (change.Removed)
            {
                // The netdev vanished (or was removed by a control call, which already forgot it).
                ForgetPort(port);
                _runner.PortRemoved(this, port);
                RefreshForcedSend();
                continue;
            }
            if (port.Link != change.Port.Link)
            {
                port.Link = change.Port.Link;
                bool before = port.LinkWatchUp;
                _watches[port].PortLinkChanged();
                // A new verdict has already reached the runner; a speed or duplex change alone still matters to it.
                if (port.LinkWatchUp == before)
                {
                    _runner.PortChanged(this, port);
                }
            }
        }
        if (e.TeamStateChanged)
        {
            _runner.TeamStateChanged(this);
        }
        if (e.Options.Count > 0)
        {
            if (e.Options.Any(o => o.Name == "enabled"))
            {
                RefreshForcedSend();
            }
            _runner.OptionsChanged(this, e.Options);
        }
        PublishChange(e);
    }

    // ---- control methods ------------------------------------------------------------------------------

    public Task<ControlReply> HandleAsync(string method, string[] args, CancellationToken cancellationToken) =>
        InvokeAsync(() => Handle(method, args));

    private ControlReply Handle(string method, string[] args)
    {
        try
        {
            return method switch
            {
                "ConfigDump" => ControlReply.Success(TeamdConfig.Format(Config.Root)),
                "ConfigDumpActual" => ControlReply.Success(TeamdConfig.Format(ActualConfig())),
                "StateDump" => ControlReply.Success(TeamdConfig.Format(StateDump())),
                "StateItemValueGet" => StateItemGet(args[0]),
                "StateItemValueSet" => StateItemSet(args[0], args[1]),
                "PortAdd" => PortAdd(args[0]),
                "PortRemove" => PortRemove(args[0]),
                "PortConfigUpdate" => PortConfigUpdate(args[0], args[1]),
                "PortConfigDump" => PortConfigDump(args[0]),
                "OptionsGet" => ControlReply.Success(OptionsJson()),
                "OptionSet" => OptionSet(args[0], args[1], args[2], args[3]),
                "PortList" => ControlReply.Success(PortListJson()),
                _ => ControlReply.Fail(ControlError.InvalidArgs),
            };
        }
        catch (TeamException ex)
        {
            LogControlFailed(_logger, method, ex.Message);
            return ControlReply.Fail(new ControlError(ErrnoName(ex.Error), ex.Message));
        }
    }

    private static string ErrnoName(Errno e) => e.Code switch
    {
        2 => "ENOENT",
        16 => "EBUSY",
        19 => "ENODEV",
        22 => "EINVAL",
        95 => "EOPNOTSUPP",
        _ => "E" + e.Code.ToString(CultureInfo.InvariantCulture),
    };

    private JsonObject ActualConfig()
    {
        JsonObject copy = Config.Root.DeepClone().AsObject();
        JsonObject ports = [];
        foreach (RunnerPort p in _ports)
        {
            ports[p.Name] = p.Config.DeepClone();
        }
        copy["ports"] = ports;
        return copy;
    }

    private ControlReply PortAdd(string name)
    {
        if (_ports.Exists(p => p.Name == name))
        {
            return ControlReply.Fail(ControlError.PortAddFail);
        }
        try
        {
            AddPortCore(name);
            return ControlReply.Success();
        }
        catch (TeamException ex)
        {
            LogControlFailed(_logger, "PortAdd", ex.Message);
            return ControlReply.Fail(ex.Error == Errno.ENODEV ? ControlError.NoSuchDev : ControlError.PortAddFail);
        }
    }

    private ControlReply PortRemove(string name)
    {
        RunnerPort? port = _ports.Find(p => p.Name == name);
        if (port is null)
        {
            return ControlReply.Fail(ControlError.NoSuchDev);
        }
        ForgetPort(port);
        try
        {
            Team.RemovePort(name);
        }
        catch (TeamException ex)
        {
            LogControlFailed(_logger, "PortRemove", ex.Message);
            return ControlReply.Fail(ControlError.PortRemoveFail);
        }
        _runner.PortRemoved(this, port);
        RefreshForcedSend();
        return ControlReply.Success();
    }

    private ControlReply PortConfigUpdate(string name, string json)
    {
        RunnerPort? port = _ports.Find(p => p.Name == name);
        if (port is null && Config.Ports[name] is null)
        {
            return ControlReply.Fail(ControlError.NoSuchDev);
        }
        JsonObject portConfig;
        try
        {
            portConfig = JsonNode.Parse(json) as JsonObject ?? throw new ConfigException($"ports.{name}: not an object");
            TeamdConfig.CheckPort(name, portConfig, Config.Root["link_watch"] is not null, []);
        }
        catch (Exception ex) when (ex is JsonException or ConfigException)
        {
            LogControlFailed(_logger, "PortConfigUpdate", ex.Message);
            return ControlReply.Fail(ControlError.ConfigUpdateFail);
        }
        // teamd replaces the port object wholesale. Unlike teamd, a missing prio means 0, not an error.
        Config.Ports[name] = portConfig;
        if (port is not null)
        {
            bool watchesChanged = !JsonNode.DeepEquals(port.Config["link_watch"], portConfig["link_watch"]);
            port.Config = portConfig;
            Team.SetOption("priority", OptionValue.FromS32(port.Prio), name);
            if (watchesChanged)
            {
                // New per-port watchers replace the old ones; the verdict starts over from them.
                _watches.Remove(port, out PortLinkWatchSet? old);
                old?.Dispose();
                StartWatches(port);
                RefreshForcedSend();
            }
            _runner.PortConfigChanged(this, port);
        }
        return ControlReply.Success();
    }

    private ControlReply PortConfigDump(string name)
    {
        JsonNode? port = Config.Ports[name];
        return port is null ? ControlReply.Fail(ControlError.NoSuchDev) : ControlReply.Success(TeamdConfig.Format(port));
    }

    private ControlReply StateItemGet(string path)
    {
        JsonNode? node = StatePath.Find(StateDump(), path);
        if (node is null)
        {
            return ControlReply.Fail(ControlError.PathDoesNotExist);
        }
        return node is JsonValue v
            ? ControlReply.Success(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString())
            : ControlReply.Fail(ControlError.ItemValueGetFail);
    }

    private ControlReply StateItemSet(string path, string value)
    {
        if (StatePath.Find(StateDump(), path) is null)
        {
            return ControlReply.Fail(ControlError.PathDoesNotExist);
        }
        List<string>? parts = StatePath.Split(path);
        if (parts is ["setup", "debug_level"])
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int level))
            {
                return ControlReply.Fail(ControlError.ItemValueSetFail);
            }
            _debugLevel = level;
            return ControlReply.Success();
        }
        if (parts is ["ports", string portName, "runner", .. var rest] && rest.Count > 0 && _ports.Find(p => p.Name == portName) is RunnerPort target)
        {
            if (!_runner.TrySetPortState(this, target, string.Join('.', rest), value, out string? portError))
            {
                return ControlReply.Fail(ControlError.OpNotSupp);
            }
            if (portError is not null)
            {
                LogControlFailed(_logger, "StateItemValueSet", portError);
                return ControlReply.Fail(ControlError.ItemValueSetFail);
            }
            return ControlReply.Success();
        }
        if (parts is ["runner", string item])
        {
            if (!_runner.TrySetState(this, item, value, out string? error))
            {
                return ControlReply.Fail(ControlError.OpNotSupp);
            }
            if (error is not null)
            {
                LogControlFailed(_logger, "StateItemValueSet", error);
                return ControlReply.Fail(ControlError.ItemValueSetFail);
            }
            return ControlReply.Success();
        }
        return ControlReply.Fail(ControlError.OpNotSupp);
    }

    private ControlReply OptionSet(string name, string value, string port, string arrayIndex)
    {
        int? index = arrayIndex == "-" ? null : int.Parse(arrayIndex, CultureInfo.InvariantCulture);
        Team.SetOption(name, value, port == "-" ? null : port, index);
        return ControlReply.Success();
    }

    private string OptionsJson() => new JsonArray([.. Team.ListOptions().Select(o => OptionJson(o, o.Changed, removed: false))]).ToJsonString();

    private string PortListJson() => new JsonArray([.. Team.Ports.Select(p => PortJson(p, changed: false, removed: false))]).ToJsonString();

    /// <summary>An option instance as teamnl lists it: name, type, value, port and array index, and its flags.</summary>
    private static JsonObject OptionJson(TeamOption o, bool changed, bool removed)
    {
        JsonObject item = new() { ["name"] = o.Name, ["type"] = o.Type.ToString().ToLowerInvariant(), ["value"] = o.Value.ToString(), ["changed"] = changed, ["removed"] = removed };
        if (o.PortName is not null)
        {
            item["port"] = o.PortName;
        }
        if (o.ArrayIndex is int i)
        {
            item["array_index"] = i;
        }
        return item;
    }

    private static JsonObject PortJson(TeamPortInfo p, bool changed, bool removed) => new()
    {
        ["ifindex"] = p.IfIndex,
        ["ifname"] = p.Name,
        ["linkup"] = p.Link.Up,
        ["speed"] = p.Link.SpeedMbps,
        ["duplex"] = p.Link.Duplex == Duplex.Full ? "full" : "half",
        ["changed"] = changed,
        ["removed"] = removed,
    };

    /// <summary>
    /// One Monitor event per device change, in libteam's three lists (teamnl monitor): the ports when a port
    /// changed, the options when an option changed, the interfaces (team and ports: name, address, master)
    /// when one of those changed. Every item of a list is there, flagged changed or not, so a monitor can
    /// show either only the changes or everything.
    /// </summary>
    private void PublishChange(TeamChangeEventArgs e)
    {
        bool ifinfoChanged = RefreshIfinfos(out HashSet<int> changedIfinfos);
        if (!_monitor.HasSubscribers)
        {
            return;
        }
        JsonObject ev = [];
        if (e.Ports.Count > 0)
        {
            HashSet<int> changed = [.. e.Ports.Where(c => !c.Removed).Select(c => c.Port.IfIndex)];
            JsonArray ports = [.. Team.Ports.Select(p => PortJson(p, changed.Contains(p.IfIndex), removed: false))];
            foreach (TeamPortChange gone in e.Ports.Where(c => c.Removed))
            {
                ports.Add(PortJson(gone.Port, changed: false, removed: true));
            }
            ev["ports"] = ports;
        }
        if (e.Options.Count > 0)
        {
            HashSet<(string, string?, int?)> changed = [.. e.Options.Where(o => !o.Removed).Select(o => (o.Name, o.PortName, o.ArrayIndex))];
            JsonArray options = [.. Team.ListOptions().Select(o => OptionJson(o, changed.Contains((o.Name, o.PortName, o.ArrayIndex)), removed: false))];
            foreach (TeamOption gone in e.Options.Where(o => o.Removed))
            {
                options.Add(OptionJson(gone, changed: false, removed: true));
            }
            ev["options"] = options;
        }
        if (ifinfoChanged)
        {
            ev["ifinfos"] = new JsonArray([.. _ifinfos.Select(kv => (JsonNode)new JsonObject
            {
                ["ifindex"] = kv.Key,
                ["ifname"] = kv.Value.Name,
                ["dev_addr"] = kv.Value.Address.ToString(),
                ["master_ifindex"] = kv.Value.Master,
                ["changed"] = changedIfinfos.Contains(kv.Key),
            })]);
        }
        if (ev.Count > 0)
        {
            _monitor.Publish(ev.ToJsonString());
        }
    }

    /// <summary>The team's and its ports' interface info (libteam's ifinfo list): what changed since the last look.</summary>
    private bool RefreshIfinfos(out HashSet<int> changed)
    {
        changed = [];
        Dictionary<int, (string Name, MacAddress Address, int Master)> now = new() { [Team.IfIndex] = (Team.Name, Team.Address, 0) };
        foreach (TeamPortInfo p in Team.Ports)
        {
            now[p.IfIndex] = (p.Name, p.Address, Team.IfIndex);
        }
        bool any = now.Count != _ifinfos.Count;
        foreach ((int index, (string, MacAddress, int) info) in now)
        {
            if (!_ifinfos.TryGetValue(index, out var old) || old != info)
            {
                changed.Add(index);
                any = true;
            }
        }
        _ifinfos = now;
        return any;
    }

    /// <summary>The state dump in teamd's shape and key names (teamd-spec §3.6).</summary>
    public JsonObject StateDump()
    {
        JsonObject ports = [];
        foreach (RunnerPort p in _ports)
        {
            TeamPortInfo? info = Team.GetPort(p.Name);
            if (info is null)
            {
                continue;
            }
            JsonObject port = new()
            {
                ["ifinfo"] = IfInfo(info.Address, info.IfIndex, info.Name),
                ["link"] = new JsonObject
                {
                    ["duplex"] = info.Link.Duplex == Duplex.Full ? "full" : "half",
                    ["speed"] = info.Link.SpeedMbps,
                    ["up"] = info.Link.Up,
                },
                ["link_watches"] = _watches[p].Dump(),
            };
            if (_runner.PortStateDump(this, p) is JsonObject portRunner)
            {
                port["runner"] = portRunner;
            }
            ports[p.Name] = port;
        }
        JsonObject dump = new() { ["ports"] = ports };
        if (_runner.StateDump(this) is JsonObject runner)
        {
            dump["runner"] = runner;
        }
        dump["setup"] = new JsonObject
        {
            ["daemonized"] = _settings.Daemonized,
            ["dbus_enabled"] = false,
            ["debug_level"] = _debugLevel,
            ["kernel_team_mode_name"] = Team.ModeName,
            ["pid"] = Environment.ProcessId,
            ["pid_file"] = _settings.PidFile,
            ["runner_name"] = _runner.Name,
            ["zmq_enabled"] = false,
        };
        dump["team_device"] = new JsonObject { ["ifinfo"] = IfInfo(Team.Address, Team.IfIndex, Team.Name) };
        return dump;
    }

    private static JsonObject IfInfo(MacAddress mac, int ifIndex, string name) => new()
    {
        ["dev_addr"] = mac.ToString(),
        ["dev_addr_len"] = 6,
        ["ifindex"] = ifIndex,
        ["ifname"] = name,
    };

    // ---- event loop ---------------------------------------------------------------------------------------

    private void RunLoop()
    {
        foreach (Action action in _loop.GetConsumingEnumerable())
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is TeamException or InvalidOperationException or KeyNotFoundException)
            {
                LogLoopError(_logger, ex.Message);
            }
        }
    }

    private void Post(Action action)
    {
        if (!_loop.IsAddingCompleted)
        {
            _loop.Add(action);
        }
    }

    private T Invoke<T>(Func<T> func) => InvokeAsync(func).GetAwaiter().GetResult();

    private Task<T> InvokeAsync<T>(Func<T> func)
    {
        TaskCompletionSource<T> tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                tcs.SetResult(func());
            }
            catch (Exception ex)
            {
                tcs.SetException(ex);
            }
        });
        return tcs.Task;
    }

    /// <summary>Stops the loop and removes the team, restoring every port.</summary>
    public void Dispose()
    {
        if (_loop.IsAddingCompleted)
        {
            return;
        }
        try
        {
            Invoke(() =>
            {
                if (_team is not null)
                {
                    _runner.Stop(this);
                }
                foreach (PortLinkWatchSet set in _watches.Values)
                {
                    set.Dispose();
                }
                _watches.Clear();
                // -N keeps the device and its ports as they are (teamd: "Do not destroy the device on quit").
                if (_settings.NoQuitDestroy)
                {
                    _team?.Detach();
                }
                else
                {
                    _team?.Dispose();
                }
                return 0;
            });
        }
        finally
        {
            _loop.CompleteAdding();
            _loopThread.Join(TimeSpan.FromSeconds(10));
            if (_reactor.IsValueCreated)
            {
                _reactor.Value.Dispose();
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "{Message}")]
    private static partial void LogRunner(ILogger logger, string message);

    [LoggerMessage(2, LogLevel.Warning, "Skipped adding a missing port \"{Port}\".")]
    private static partial void LogPortSkipped(ILogger logger, string port);

    [LoggerMessage(3, LogLevel.Information, "Port \"{Port}\" added.")]
    private static partial void LogPortAdded(ILogger logger, string port);

    [LoggerMessage(4, LogLevel.Warning, "{Method} failed: {Message}")]
    private static partial void LogControlFailed(ILogger logger, string method, string message);

    [LoggerMessage(5, LogLevel.Error, "Event loop: {Message}")]
    private static partial void LogLoopError(ILogger logger, string message);
}
