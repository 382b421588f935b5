namespace NetTeam.Control.Client;

/// <summary>
/// One change of the team, as NetTeam's Monitor stream sends it: the lists that changed, each complete with
/// its items flagged changed or not (null when that list did not change).
/// </summary>
public sealed record TeamMonitorEvent(
    IReadOnlyList<TeamPortStatus>? Ports,
    IReadOnlyList<TeamOptionStatus>? Options,
    IReadOnlyList<TeamIfinfo>? Ifinfos,
    string Json);
