using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NetTeam.Control.Protocol;
using NetTeam.Daemon.Config;
using NetTeam.Device;
using NetTeam.Device.Ports;
using NetTeam.Runners;
using NetTeam.Runners.State;

namespace NetTeam.Daemon;

/// <summary>
/// What netteamd answers to each control method of <see cref="ControlMethods"/>, with teamd's error codes
/// (libteam teamd/teamd_ctl.c). Handlers run on the event loop; a refused team operation comes back as its
/// errno's name.
/// </summary>
internal sealed partial class ControlCommands(
    TeamdConfig config, DaemonPorts ports, StateTree state, Func<TeamDevice> team, MonitorPublisher monitor, Func<ControlReply> handover, Func<string> metrics, ILogger logger)
{
    /// <summary>NetTeam's Handover: a newer daemon takes the team over and this one ends, keeping everything.</summary>
    public ControlReply Handover() => handover();

    private TeamDevice Team => team();

    /// <summary>Runs the method's handler; a method without one (or an unknown name) is InvalidArgs.</summary>
    public ControlReply Handle(string method, string[] args)
    {
        if (ControlMethods.Find(method) is not { Handler: { } handler })
        {
            return ControlReply.Fail(ControlError.InvalidArgs);
        }
        try
        {
            return handler(this, args);
        }
        catch (TeamException ex)
        {
            LogControlFailed(logger, method, ex.Message);
            return ControlReply.Fail(new ControlError(ex.Error.Name, ex.Message));
        }
    }

    public ControlReply ConfigDump() => ControlReply.Success(TeamdConfig.Format(config.Root));

    /// <summary>The config with each port's object as the port has it now (PortConfigUpdate replaces it).</summary>
    public ControlReply ConfigDumpActual()
    {
        JsonObject copy = config.Root.DeepClone().AsObject();
        JsonObject actual = [];
        foreach (RunnerPort p in ports.List)
        {
            actual[p.Name] = p.Config.DeepClone();
        }
        copy["ports"] = actual;
        return ControlReply.Success(TeamdConfig.Format(copy));
    }

    public ControlReply StateDump() => ControlReply.Success(TeamdConfig.Format(state.Dump()));

    /// <summary>A value as teamdctl prints it; an object is not a value (ItemValueGetFail).</summary>
    public ControlReply StateItemGet(string path)
    {
        StateItem item = StatePath.Split(path) is List<string> parts ? state.Get(parts) : new(StateItemStatus.NotFound);
        return item.Status switch
        {
            StateItemStatus.Ok => ControlReply.Success(item.Text!),
            StateItemStatus.NotFound => ControlReply.Fail(ControlError.PathDoesNotExist),
            _ => ControlReply.Fail(ControlError.ItemValueGetFail),
        };
    }

    /// <summary>A writable value's setter: a read-only item or an object is OpNotSupp, a refused value ItemValueSetFail.</summary>
    public ControlReply StateItemSet(string path, string value)
    {
        StateItem item = StatePath.Split(path) is List<string> parts ? state.Set(parts, value) : new(StateItemStatus.NotFound);
        switch (item.Status)
        {
            case StateItemStatus.Ok:
                return ControlReply.Success();
            case StateItemStatus.NotFound:
                return ControlReply.Fail(ControlError.PathDoesNotExist);
            case StateItemStatus.Refused:
                LogControlFailed(logger, ControlMethodNames.StateItemValueSet, item.Text!);
                return ControlReply.Fail(ControlError.ItemValueSetFail);
            default:
                return ControlReply.Fail(ControlError.OpNotSupp);
        }
    }

    public ControlReply PortAdd(string name)
    {
        if (ports.Find(name) is not null)
        {
            return ControlReply.Fail(ControlError.PortAddFail);
        }
        try
        {
            ports.Add(name);
            return ControlReply.Success();
        }
        catch (TeamException ex)
        {
            LogControlFailed(logger, ControlMethodNames.PortAdd, ex.Message);
            return ControlReply.Fail(ex.Error == Interop.Errno.ENODEV ? ControlError.NoSuchDev : ControlError.PortAddFail);
        }
    }

    public ControlReply PortRemove(string name)
    {
        if (ports.Find(name) is not RunnerPort port)
        {
            return ControlReply.Fail(ControlError.NoSuchDev);
        }
        ports.Forget(port);
        try
        {
            Team.RemovePort(name);
        }
        catch (TeamException ex)
        {
            LogControlFailed(logger, ControlMethodNames.PortRemove, ex.Message);
            return ControlReply.Fail(ControlError.PortRemoveFail);
        }
        ports.Departed(port);
        return ControlReply.Success();
    }

    /// <summary>teamd replaces the port's object wholesale; unlike teamd, a missing prio means 0, not an error.</summary>
    public ControlReply PortConfigUpdate(string name, string json)
    {
        RunnerPort? port = ports.Find(name);
        if (port is null && config.Ports[name] is null)
        {
            return ControlReply.Fail(ControlError.NoSuchDev);
        }
        JsonObject portConfig;
        try
        {
            portConfig = StrictJson.Parse(json) as JsonObject ?? throw new ConfigException($"ports.{name}: not an object");
            List<string> warnings = [];
            TeamdConfig.CheckPort(name, portConfig, config.Root["link_watch"] is not null, warnings, config.Strict);
            warnings.ForEach(w => ConfigLog.Warning(logger, w));
        }
        catch (Exception ex) when (ex is JsonException or ConfigException)
        {
            LogControlFailed(logger, ControlMethodNames.PortConfigUpdate, ex.Message);
            return ControlReply.Fail(ControlError.ConfigUpdateFail);
        }
        config.Ports[name] = portConfig;
        if (port is not null)
        {
            ports.UpdateConfig(port, portConfig);
        }
        return ControlReply.Success();
    }

    public ControlReply PortConfigDump(string name) => config.Ports[name] is JsonNode port
        ? ControlReply.Success(TeamdConfig.Format(port))
        : ControlReply.Fail(ControlError.NoSuchDev);

    public ControlReply OptionsGet() =>
        ControlReply.Success(TeamnlJson.WriteList(Team.ListOptions().Select(o => TeamnlStatus.Of(o, o.Changed, removed: false))));

    /// <summary>teamnl setoption: the value in teamnl's text; "-" for no port or no array index.</summary>
    public ControlReply OptionSet(string name, string value, string port, string arrayIndex)
    {
        int? index = arrayIndex == "-" ? null : int.Parse(arrayIndex, CultureInfo.InvariantCulture);
        Team.SetOption(name, value, port == "-" ? null : port, index);
        return ControlReply.Success();
    }

    public ControlReply PortList() =>
        ControlReply.Success(TeamnlJson.WriteList(Team.Ports.Select(p => TeamnlStatus.Of(p, changed: false, removed: false))));

    /// <summary>The data plane's counters: the team's and each port's, and which plane counted them.</summary>
    public ControlReply Statistics()
    {
        JsonObject perPort = [];
        foreach (TeamPortInfo p in Team.Ports)
        {
            JsonObject counters = Counters(p.Statistics);
            // NetTeam's addition: what the port's control-frame channels received and dropped, and why.
            counters["control_frames"] = ports.ControlFrameCounters(p.Name);
            perPort[p.Name] = counters;
        }
        JsonObject all = new()
        {
            ["data_plane"] = Team.DataPlane.ToString().ToLowerInvariant(),
            ["team"] = Counters(Team.Statistics),
            ["ports"] = perPort,
        };
        return ControlReply.Success(all.ToJsonString());
    }

    private static JsonObject Counters(TeamStatistics s) => new()
    {
        ["rx_packets"] = s.RxPackets,
        ["rx_bytes"] = s.RxBytes,
        ["rx_dropped"] = s.RxDropped,
        ["rx_multicast"] = s.RxMulticast,
        ["rx_errors"] = s.RxErrors,
        ["tx_packets"] = s.TxPackets,
        ["tx_bytes"] = s.TxBytes,
        ["tx_dropped"] = s.TxDropped,
    };

    /// <summary>NetTeam's Metrics: the Prometheus text netteamd serves over HTTP too (netteamctl TEAM metrics).</summary>
    public ControlReply Metrics() => ControlReply.Success(metrics());

    /// <summary>NetTeam's Monitor stream; called on the control server's thread, not the loop.</summary>
    public IAsyncEnumerable<string> Monitor(CancellationToken cancellationToken) => monitor.Subscribe(cancellationToken);

    [LoggerMessage(4, LogLevel.Warning, "{Method} failed: {Message}")]
    private static partial void LogControlFailed(ILogger logger, string method, string message);
}
