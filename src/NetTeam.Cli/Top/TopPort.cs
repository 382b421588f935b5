namespace NetTeam.Cli.Top;

/// <summary>
/// One port's line in top: its link (state dump <c>ports.PORT.link</c>), the link watches' verdict
/// (<c>link_watches.up</c>), whether the team sends and receives on it (its <c>enabled</c> option), the lacp
/// runner's view of it (<c>runner.state</c>, <c>runner.selected</c>; null for other runners) and its traffic.
/// Null where the daemon did not say.
/// </summary>
internal sealed record TopPort(
    string Name,
    bool? LinkUp,
    int? SpeedMbps,
    string? Duplex,
    bool? LinkWatchUp,
    bool? Enabled,
    string? LacpState,
    bool? LacpSelected,
    TopTraffic Traffic);
