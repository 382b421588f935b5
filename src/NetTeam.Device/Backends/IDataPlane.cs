using NetTeam.Device.DataPlane;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.Backends;

/// <summary>
/// How frames move between the team interface and the ports. The control side attaches ports and publishes
/// snapshots; the data plane reads the latest snapshot per frame without locks.
/// </summary>
internal interface IDataPlane : IDisposable
{
    /// <summary>Team-wide counters (the team interface's rx/tx as the team driver counts them).</summary>
    PortCounters TeamCounters { get; }

    /// <summary>Cumulative transmitted bytes per loadbalance hash bucket (for lb_hash_stats).</summary>
    ReadOnlySpan<long> HashTxBytes { get; }

    Errno AttachPort(TeamPort port);

    void DetachPort(TeamPort port);

    void Publish(TeamSnapshot snapshot);

    /// <summary>The team's promisc/allmulti state and multicast list, applied to a port (team_port_add step 8).</summary>
    Errno SetPortFilters(TeamPort port, bool promiscuous, bool allMulticast, IReadOnlyList<MacAddress> multicast);
}
