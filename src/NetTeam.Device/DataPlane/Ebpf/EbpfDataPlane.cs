using NetTeam.Bpf;
using NetTeam.Device.Linux;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// The eBPF data plane: frames never leave the kernel. A tcx egress program on the team TAP sends each frame
/// the team transmits to the port its mode chooses (bpf_redirect), a tcx ingress program on every port hands
/// the team's frames to the team's receive path (bpf_redirect with BPF_F_INGRESS). Both are generated per
/// mode (loadbalance per fragment set) from the same rules as <see cref="FramePath"/> and read the published
/// <see cref="TeamSnapshotData"/> from a map; a mode or fragment change swaps the programs with
/// BPF_LINK_UPDATE, a snapshot is written into a ring of map entries and made current with one update.
/// Counters are per-CPU maps, summed on read. Maps and links are pinned (<see cref="PlanePins"/>), so a dead
/// daemon's last snapshot goes on forwarding and the next daemon takes the plane over
/// (EbpfDataPlane.TakeOver.cs); a clean stop removes the pins and detaches everything.
/// </summary>
internal sealed partial class EbpfDataPlane : IDataPlane
{
    private readonly NamespaceContext _ns;
    private readonly int _teamIfIndex;
    private readonly TeamMaps _maps;
    private readonly TcxLink _teamLink;
    private readonly Dictionary<int, (TcxLink Link, int IfIndex)> _portLinks = [];
    private readonly CarrierWatcher _carrier;
    private readonly PlanePins _pins;
    private readonly Dictionary<int, TcxLink> _adoptable = [];
    private TeamSnapshot? _held;
    private IDataPlaneObserver? _observer;
    private BpfProgram _tx;
    private BpfProgram _rx;
    private (ModeKind Mode, HashFragments Fragments) _txKey;
    private ModeKind _rxKey;
    private bool _disposed;

    private EbpfDataPlane(NamespaceContext ns, int teamIfIndex, TeamMaps maps, BpfProgram tx, BpfProgram rx, TcxLink teamLink, CarrierWatcher carrier, PlanePins pins)
    {
        _pins = pins;
        _ns = ns;
        _teamIfIndex = teamIfIndex;
        _maps = maps;
        _tx = tx;
        _rx = rx;
        _teamLink = teamLink;
        _carrier = carrier;
        _txKey = (ModeKind.None, HashFragments.None);
        _rxKey = ModeKind.None;
    }

    public DataPlaneKind Kind => DataPlaneKind.Ebpf;

    /// <summary>The rx program takes every frame of a port away from its stack (redirected or dropped).</summary>
    public bool PortStackSeesTeamFrames => false;

    public DataPlaneDiagnostics Diagnostics => default;

    public void Start(IDataPlaneObserver observer)
    {
        _observer = observer;
        _carrier.Start();
    }

    public void Publish(TeamSnapshot snapshot)
    {
        if (TakenOver is not null)
        {
            // Taken over: the old snapshot forwards until the new policy agrees (ResumePublishing).
            _held = snapshot;
            return;
        }
        ModeKind mode = snapshot.Mode;
        (ModeKind, HashFragments) txKey = (mode, mode == ModeKind.LoadBalance ? snapshot.Data.HashFragments : HashFragments.None);
        if (txKey != _txKey)
        {
            _tx = Swap(_tx, TxProgram.Generate(txKey.Item1, txKey.Item2, _maps), [_teamLink]);
            _txKey = txKey;
        }
        if (mode != _rxKey)
        {
            _rx = Swap(_rx, RxProgram.Generate(mode, _maps), _portLinks.Values.Select(p => p.Link));
            _rxKey = mode;
        }
        BpfError err = _maps.Publish(snapshot.Data);
        if (!err.IsSuccess)
        {
            throw new BpfException(err);
        }
    }

    public Errno Attach(PortAttachment port)
    {
        if (_adoptable.Remove(port.IfIndex, out TcxLink? adopted))
        {
            return Adopt(port, adopted);
        }
        Errno err = _maps.ResetCounters(port.Slot);
        err = err.IsSuccess ? _maps.SetPortSlot(port.IfIndex, port.Slot) : err;
        if (!err.IsSuccess)
        {
            return err;
        }
        BpfError attached;
        TcxLink? link;
        using (_ns.Enter())
        {
            attached = TcxLink.Attach(_rx, port.IfIndex, TcxDirection.Ingress, out link);
        }
        if (!attached.IsSuccess || link is null)
        {
            _maps.RemovePortSlot(port.IfIndex);
            return attached.Errno;
        }
        _portLinks[port.Slot] = (link, port.IfIndex);
        _carrier.Add(port);
        BpfError pinned = link.Pin(_pins.PortLink(port.IfIndex));
        return pinned.Errno;
    }

    /// <summary>A port of the team taken over: its pinned link runs this process's rx program, its counters carry on.</summary>
    private Errno Adopt(PortAttachment port, TcxLink link)
    {
        Errno err = _maps.SetPortSlot(port.IfIndex, port.Slot);
        err = err.IsSuccess ? link.Update(_rx) : err;
        if (!err.IsSuccess)
        {
            link.Dispose();
            return err;
        }
        _portLinks[port.Slot] = (link, port.IfIndex);
        _carrier.Add(port);
        return Errno.Success;
    }

    public void Detach(int slot)
    {
        _carrier.Remove(slot);
        if (_portLinks.Remove(slot, out (TcxLink Link, int IfIndex) port))
        {
            port.Link.Detach();
            port.Link.Dispose();
            PlanePins.Unpin(_pins.PortLink(port.IfIndex));
            _maps.RemovePortSlot(port.IfIndex);
        }
    }

    public TeamStatistics ReadPortStatistics(int slot) => Read(slot);

    public TeamStatistics ReadTeamStatistics() => Read(TeamMaps.TeamStatsIndex);

    public void CopyHashTxBytes(Span<long> destination)
    {
        Span<ulong> buckets = stackalloc ulong[TeamSnapshot.HashBuckets];
        if (_maps.ReadHashBytes(buckets).IsSuccess)
        {
            for (int i = 0; i < buckets.Length; i++)
            {
                destination[i] = (long)buckets[i];
            }
        }
    }

    /// <summary>
    /// The counters as the team API reports them: frames a port's program kept from the team (a disabled
    /// or inactive port's) are the userspace plane's rx_dropped too.
    /// </summary>
    private TeamStatistics Read(int index) => _maps.ReadCounters(index, out TeamCounters c).IsSuccess
        ? new((long)c.RxPackets, (long)c.RxBytes, (long)(c.RxDropped + c.RxPassed), (long)c.RxMulticast, (long)c.TxPackets, (long)c.TxBytes, (long)c.TxDropped, 0)
        : default;

    /// <summary>Loads <paramref name="spec"/> and makes every link run it (BPF_LINK_UPDATE: no gap), then drops the old program.</summary>
    private static BpfProgram Swap(BpfProgram old, ProgramSpec spec, IEnumerable<TcxLink> links)
    {
        BpfProgram next = Load(spec);
        foreach (TcxLink link in links)
        {
            Errno err = link.Update(next, old);
            if (!err.IsSuccess)
            {
                next.Dispose();
                throw new TeamException(err, $"Could not swap in the eBPF program {spec.Name}: {err.Message}.");
            }
        }
        old.Dispose();
        return next;
    }

    private static BpfProgram Load(ProgramSpec spec)
    {
        BpfError err = BpfProgram.Load(spec, out BpfProgram? program);
        // A generated program the verifier refuses is a bug of the generator: the log says which.
        return err.IsSuccess && program is not null ? program : throw new BpfException(err);
    }
}
