using NetTeam.Device.Modes;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;
using NetTeam.Device.Threading;
using NetTeam.Interop;

namespace NetTeam.Device;

/// <summary>The option API (team_nl_options_get/set_doit), the core and per-port options, and the mode change.</summary>
public sealed partial class TeamDevice
{
    /// <summary>Every option instance, in the kernel's listing order (per-port first, newest first).</summary>
    public IReadOnlyList<TeamOption> ListOptions() => OnLoop(() => (IReadOnlyList<TeamOption>)_options.List());

    /// <summary>Reads one option instance; throws <see cref="TeamException"/> (ENOENT) when it does not exist.</summary>
    public OptionValue GetOption(string name, string? portName = null, int? arrayIndex = null) => OnLoop(() =>
    {
        FindOption(name, portName, arrayIndex, out TeamOptionInstance? inst).ThrowIfFailed();
        return inst!.Read();
    });

    /// <summary>The type of an option, for parsing text values; throws ENOENT for an unknown name.</summary>
    public TeamOptionType GetOptionType(string name) => OnLoop(() =>
        _options.FindType(name) ?? throw new TeamException(Errno.ENOENT, $"No option named \"{name}\"."));

    /// <summary>Sets an option from teamnl's text form (true/false, integers, strings, \xx binary).</summary>
    public void SetOption(string name, string text, string? portName = null, int? arrayIndex = null)
    {
        TeamOptionType type = GetOptionType(name);
        if (!OptionValue.TryParse(type, text, out OptionValue value, out string? error))
        {
            throw new TeamException(Errno.EINVAL, $"Option \"{name}\": {error}.");
        }
        SetOption(name, value, portName, arrayIndex);
    }

    /// <summary>
    /// Sets one option instance (team_nl_options_set_doit): the name, type, port and array index must match
    /// an instance (ENOENT otherwise); the setter may refuse with its own errno. Nothing changes on refusal.
    /// </summary>
    public void SetOption(string name, OptionValue value, string? portName = null, int? arrayIndex = null) =>
        TrySetOption(name, value, portName, arrayIndex).ThrowIfFailed();

    /// <inheritdoc/>
    public TeamResult TrySetOption(string name, OptionValue value, string? portName = null, int? arrayIndex = null) =>
        Change(() => SetOptionCore(name, value, portName, arrayIndex));

    private TeamResult SetOptionCore(string name, OptionValue value, string? portName, int? arrayIndex)
    {
        TeamResult found = FindOption(name, portName, arrayIndex, out TeamOptionInstance? inst);
        if (inst is null)
        {
            return found;
        }
        if (inst.Definition.Type != value.Type)
        {
            return TeamResult.Fail(Errno.EINVAL, $"Option \"{name}\" is {inst.Definition.Type}, not {value.Type}.");
        }
        if (inst.Definition.Set is null)
        {
            return TeamResult.Fail(Errno.EOPNOTSUPP, $"Option \"{name}\" is read-only.");
        }
        if (value.Type == TeamOptionType.String && System.Text.Encoding.UTF8.GetByteCount(value.AsString) >= 32)
        {
            // TEAM_STRING_MAX_LEN 32 (include/uapi/linux/if_team.h); -EINVAL on longer strings.
            return TeamResult.Fail(Errno.EINVAL, $"Option \"{name}\": string \"{value.AsString}\" is longer than 31 bytes.");
        }
        OptionValue before = inst.Read();
        TeamResult result = inst.Definition.Set(new OptionContext(inst.Port, inst.ArrayIndex), value);
        if (!result.IsSuccess)
        {
            return result with { Message = result.Message ?? $"Option \"{name}\" refused the value {value}." };
        }
        // Every successful set is reported (team_nl_options_set_doit marks the instance changed).
        inst.Changed = true;
        // A mode's option can change how often the team's tick must run (lb_stats_refresh_interval).
        if (_mode.TickInterval != _tickInterval)
        {
            RearmTick();
        }
        if (before != value || name == TeamOptionNames.Mode)
        {
            Publish();
        }
        return TeamResult.Ok;
    }

    private TeamResult FindOption(string name, string? portName, int? arrayIndex, out TeamOptionInstance? inst)
    {
        TeamPort? port = null;
        if (portName is not null && (port = FindPort(portName)) is null)
        {
            inst = null;
            return TeamResult.Fail(Errno.ENODEV, $"\"{portName}\" is not a port of {Name}.");
        }
        return _options.Find(name, port, portName, arrayIndex, out inst);
    }

    void IModeContext.MarkOptionChanged(string name, TeamPort? port, int arrayIndex) => _options.MarkChanged(name, port, arrayIndex);

    private void RegisterCoreOptions() => _options.Register(
        [
            new TeamOptionDefinition(TeamOptionNames.Mode, TeamOptionType.String, _ => OptionValue.FromString(_mode.Name), (_, v) => ChangeMode(v.AsString)),
            .. _announcer.Options,
        ],
        null);

    private IEnumerable<TeamOptionDefinition> PortOptions() =>
    [
        new(TeamOptionNames.Enabled, TeamOptionType.Bool, c => OptionValue.FromBool(c.Port!.Enabled), (c, v) => SetPortEnabled(c.Port!, v.AsBool), perPort: true),
        new(TeamOptionNames.UserLinkup, TeamOptionType.Bool, c => OptionValue.FromBool(c.Port!.UserLinkup), (c, v) => SetUserLinkup(c.Port!, v.AsBool, null), perPort: true),
        new(TeamOptionNames.UserLinkupEnabled, TeamOptionType.Bool, c => OptionValue.FromBool(c.Port!.UserLinkupEnabled), (c, v) => SetUserLinkup(c.Port!, null, v.AsBool), perPort: true),
        new(TeamOptionNames.Priority, TeamOptionType.S32, c => OptionValue.FromS32(c.Port!.Priority), (c, v) =>
        {
            c.Port!.Priority = v.AsS32;
            return TeamResult.Ok;
        }, perPort: true),
        new(TeamOptionNames.QueueId, TeamOptionType.U32, c => OptionValue.FromU32(c.Port!.QueueId), (c, v) =>
        {
            // team_queue_id_option_set: must be below real_num_tx_queues, else -EINVAL.
            if (v.AsU32 >= TxQueueCount)
            {
                return TeamResult.Fail(Errno.EINVAL, $"queue_id {v.AsU32} is out of range (0..{TxQueueCount - 1})");
            }
            c.Port!.QueueId = v.AsU32;
            return TeamResult.Ok;
        }, perPort: true),
    ];

    private TeamResult ChangeMode(string name)
    {
        // team_change_mode: -EBUSY with ports present, -EINVAL for the current mode or an unknown one.
        if (_ports.Count > 0)
        {
            return TeamResult.Fail(Errno.EBUSY, "No ports can be present during mode change");
        }
        if (name == _mode.Name)
        {
            return TeamResult.Fail(Errno.EINVAL, $"Mode \"{name}\" is already set");
        }
        TeamModeDescriptor? mode = TeamModeDescriptor.Find(name);
        if (mode is null)
        {
            return TeamResult.Fail(Errno.EINVAL, $"Unknown mode \"{name}\" (expected one of {TeamModeDescriptor.NameList})");
        }
        _options.UnregisterMode();
        CrashPoint.Hit("mode-change");
        _mode = mode.Create();
        RearmTick();
        _options.RegisterMode(_mode.CreateOptions(this), _ports);
        Log.ModeChanged(_logger, Name, name);
        return TeamResult.Ok;
    }

    /// <summary>The team's tick at the mode's interval, on its grid (TimerGrid) like the timer the constructor made.</summary>
    private void RearmTick()
    {
        _tickInterval = _mode.TickInterval;
        _timer.Change(TimerGrid.UntilNext(_time, _tickInterval), _tickInterval);
    }
}
