using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.Options;

/// <summary>
/// The team's option instances (Linux team_core.c team_options_register and the option_inst list): global,
/// per port and per array index, in the kernel's listing order (newest registration first), with the
/// team API's changed and removed flags, collected into change events.
/// </summary>
internal sealed class OptionRegistry
{
    private readonly List<TeamOptionInstance> _instances = [];
    private readonly List<TeamOptionDefinition> _modeOptions = [];
    private readonly List<TeamOptionDefinition> _perPortModeOptions = [];

    /// <summary>Registers team-scope options (or one port's options when <paramref name="port"/> is set).</summary>
    public void Register(IEnumerable<TeamOptionDefinition> definitions, TeamPort? port)
    {
        foreach (TeamOptionDefinition def in definitions)
        {
            AddInstances(def, port);
        }
    }

    /// <summary>A mode's options: team-scope ones once, per-port ones for each present and future port.</summary>
    public void RegisterMode(IEnumerable<TeamOptionDefinition> definitions, IReadOnlyList<TeamPort> ports)
    {
        foreach (TeamOptionDefinition def in definitions)
        {
            _modeOptions.Add(def);
            if (!def.PerPort)
            {
                AddInstances(def, null);
                continue;
            }
            _perPortModeOptions.Add(def);
            foreach (TeamPort p in ports)
            {
                AddInstances(def, p);
            }
        }
    }

    /// <summary>Removes the current mode's options (team_mode_exit: team_options_unregister).</summary>
    public void UnregisterMode()
    {
        HashSet<TeamOptionDefinition> old = [.. _modeOptions];
        RemoveWhere(i => old.Contains(i.Definition));
        _modeOptions.Clear();
        _perPortModeOptions.Clear();
    }

    /// <summary>A new port's instances: the team's per-port options, then the mode's.</summary>
    public void AddPort(TeamPort port, IEnumerable<TeamOptionDefinition> portOptions)
    {
        Register(portOptions, port);
        foreach (TeamOptionDefinition def in _perPortModeOptions)
        {
            AddInstances(def, port);
        }
    }

    public void RemovePort(TeamPort port) => RemoveWhere(i => i.Port == port);

    public TeamOptionType? FindType(string name) => _instances.Find(o => o.Definition.Name == name && !o.Removed)?.Definition.Type;

    /// <summary>The instance a set or get addresses, or ENOENT naming what was asked for.</summary>
    public TeamResult Find(string name, TeamPort? port, string? portName, int? arrayIndex, out TeamOptionInstance? found)
    {
        foreach (TeamOptionInstance inst in _instances)
        {
            if (inst.Removed || inst.Definition.Name != name || inst.Port != port)
            {
                continue;
            }
            bool isArray = inst.Definition.ArraySize > 0;
            if (isArray != arrayIndex.HasValue || (isArray && inst.ArrayIndex != arrayIndex!.Value))
            {
                continue;
            }
            found = inst;
            return TeamResult.Ok;
        }
        found = null;
        string where = (portName is null ? string.Empty : $" on port {portName}") + (arrayIndex is null ? string.Empty : $" at array index {arrayIndex}");
        return TeamResult.Fail(Errno.ENOENT, $"No option \"{name}\"{where}.");
    }

    public void MarkChanged(string name, TeamPort? port, int arrayIndex)
    {
        foreach (TeamOptionInstance inst in _instances)
        {
            if (inst.Definition.Name == name && inst.Port == port && inst.ArrayIndex == arrayIndex && !inst.Removed)
            {
                inst.Changed = true;
            }
        }
    }

    public List<TeamOption> List()
    {
        List<TeamOption> list = new(_instances.Count);
        foreach (TeamOptionInstance inst in _instances)
        {
            if (!inst.Removed)
            {
                list.Add(inst.ToView());
            }
        }
        return list;
    }

    /// <summary>The instances changed or removed since the last call, in listing order; clears the flags and drops the removed.</summary>
    public List<TeamOption> CollectChanges()
    {
        List<TeamOption> options = [];
        for (int i = _instances.Count - 1; i >= 0; i--)
        {
            TeamOptionInstance inst = _instances[i];
            if (inst.Removed)
            {
                options.Add(inst.ToView());
                _instances.RemoveAt(i);
            }
            else if (inst.Changed)
            {
                options.Add(inst.ToView());
                inst.Changed = false;
            }
        }
        options.Reverse();
        return options;
    }

    private void AddInstances(TeamOptionDefinition def, TeamPort? port)
    {
        // The kernel lists the newest registration first; array elements end up 255 -> 0.
        int count = Math.Max(1, def.ArraySize);
        for (int i = 0; i < count; i++)
        {
            _instances.Insert(0, new TeamOptionInstance(def, port, i) { Changed = true });
        }
    }

    private void RemoveWhere(Func<TeamOptionInstance, bool> predicate)
    {
        foreach (TeamOptionInstance inst in _instances)
        {
            if (predicate(inst))
            {
                inst.Remove();
            }
        }
    }
}
