using NetTeam.Device.Ports;

namespace NetTeam.Device.Modes;

/// <summary>
/// What a mode may ask of its team (the kernel's modes reach their team through struct team): its ports, the
/// peer-notification trigger, the options' changed flags and the data plane's transmit statistics. Modes
/// never see the device itself.
/// </summary>
internal interface IModeContext
{
    string Name { get; }

    IReadOnlyList<TeamPort> Ports { get; }

    TeamPort? FindPort(int ifIndex);

    /// <summary>Frames now leave by another port: tell the peers (team_notify_peers, team_mcast_rejoin).</summary>
    void TriggerPeerNotifications();

    void MarkOptionChanged(string name, TeamPort? port = null, int arrayIndex = 0);

    /// <summary>Cumulative transmitted bytes per loadbalance hash bucket, as the data plane counted them.</summary>
    void CopyHashTxBytes(Span<long> destination);

    /// <summary>Cumulative transmitted bytes of a port.</summary>
    long PortTxBytes(TeamPort port);
}
