namespace NetTeam.Device.Options;

/// <summary>
/// A snapshot of one option instance as the team API reports it (teamnl's options listing):
/// name, type, the port and array index it addresses, its value and the changed/removed flags.
/// </summary>
public sealed record TeamOption(
    string Name,
    TeamOptionType Type,
    string? PortName,
    int PortIfIndex,
    int? ArrayIndex,
    OptionValue Value,
    bool Changed,
    bool Removed,
    bool ReadOnly);
