using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.DataPlane;

/// <summary>
/// How frames move between the team interface and the ports: the seam between the control side and a data
/// plane (userspace today, eBPF next). The control side attaches ports by slot and publishes immutable
/// snapshots; the plane reads the latest snapshot per frame without locks and keeps its own counters, which
/// it hands out only as values. Every call comes from the team's control thread.
/// </summary>
internal interface IDataPlane : IDisposable
{
    /// <summary>Which plane this is, as the state dump names it.</summary>
    DataPlaneKind Kind { get; }

    /// <summary>
    /// Whether a port's own stack still sees the frames the team receives on it (the userspace plane reads
    /// them with a packet socket beside the stack); the device then silences the port's stack (NOARP,
    /// disable_ipv6, rp_filter). A plane that takes frames away from the port's stack does not need that.
    /// </summary>
    bool PortStackSeesTeamFrames { get; }

    /// <summary>Starts moving frames; <paramref name="observer"/> hears of carrier samples and of the plane's failure.</summary>
    void Start(IDataPlaneObserver observer);

    /// <summary>Puts a port into a slot (0..63); its counters start at zero.</summary>
    Errno Attach(PortAttachment port);

    void Detach(int slot);

    /// <summary>Makes <paramref name="snapshot"/> the one every following frame decision reads, atomically.</summary>
    void Publish(TeamSnapshot snapshot);

    TeamStatistics ReadPortStatistics(int slot);

    /// <summary>The team interface's counters, as the team driver counts them.</summary>
    TeamStatistics ReadTeamStatistics();

    DataPlaneDiagnostics Diagnostics { get; }

    /// <summary>
    /// The snapshot a plane taken over from a dead or departing daemon was forwarding with (the eBPF plane's
    /// pinned maps), or null for a fresh plane. While it is set, publications are held until
    /// <see cref="ResumePublishing"/>: the old snapshot keeps forwarding until the new policy agrees.
    /// </summary>
    TeamSnapshot? TakenOver { get; }

    /// <summary>The slot a taken-over plane had the port in (so its counters and rx program carry on), or -1.</summary>
    int PreferredSlot(int ifIndex);

    /// <summary>Ends the hold of a taken-over plane: the last snapshot held is published now.</summary>
    void ResumePublishing();

    /// <summary>
    /// Lets go without stopping what can go on forwarding (the eBPF plane's pinned programs and maps), for a
    /// later daemon to take over; <see cref="IDisposable.Dispose"/> instead tears everything down.
    /// </summary>
    void Abandon();

    /// <summary>Cumulative transmitted bytes per loadbalance hash bucket (for lb_hash_stats), 256 values.</summary>
    void CopyHashTxBytes(Span<long> destination);
}
