using NetTeam.Device.Options;

namespace NetTeam.Device.Events;

/// <summary>
/// A change event in the shape of the team generic-netlink <c>change_event</c> multicast: changed or removed
/// ports, and changed or removed option instances (Linux team_core.c __team_port_change_send,
/// __team_options_change_check).
/// </summary>
public sealed class TeamChangeEventArgs : EventArgs
{
    public TeamChangeEventArgs(IReadOnlyList<TeamPortChange> ports, IReadOnlyList<TeamOption> options, bool teamStateChanged = false)
    {
        Ports = ports;
        Options = options;
        TeamStateChanged = teamStateChanged;
    }

    /// <summary>The team interface itself changed administrative state (brought up or down).</summary>
    public bool TeamStateChanged { get; }

    public IReadOnlyList<TeamPortChange> Ports { get; }

    public IReadOnlyList<TeamOption> Options { get; }
}
