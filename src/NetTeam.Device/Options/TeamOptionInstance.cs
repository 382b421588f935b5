using NetTeam.Device.Ports;

namespace NetTeam.Device.Options;

/// <summary>
/// One addressable instance of an option: per port and per array index, with the team API's
/// <c>changed</c> and <c>removed</c> flags (Linux team_core.c struct team_option_inst).
/// </summary>
internal sealed class TeamOptionInstance
{
    public TeamOptionInstance(TeamOptionDefinition definition, TeamPort? port, int arrayIndex)
    {
        Definition = definition;
        Port = port;
        ArrayIndex = arrayIndex;
    }

    public TeamOptionDefinition Definition { get; }

    public TeamPort? Port { get; }

    public int ArrayIndex { get; }

    public bool Changed { get; set; }

    public bool Removed { get; private set; }

    /// <summary>The value when the instance was removed: a removed option is still reported with its last value, as libteam shows it.</summary>
    private OptionValue _final;

    public void Remove()
    {
        _final = Read();
        Removed = true;
        Changed = false;
    }

    public OptionValue Read() => Definition.Get(new OptionContext(Port, ArrayIndex));

    public TeamOption ToView() => new(
        Definition.Name,
        Definition.Type,
        Port?.Name,
        Port?.IfIndex ?? 0,
        Definition.ArraySize > 0 ? ArrayIndex : null,
        Removed ? _final : Read(),
        Changed,
        Removed,
        Definition.ReadOnly);
}
