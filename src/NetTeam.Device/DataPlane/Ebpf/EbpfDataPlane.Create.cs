using NetTeam.Bpf;
using NetTeam.Device.Linux;
using NetTeam.Interop;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>Building the eBPF plane, and saying plainly what is missing when the kernel or the process cannot.</summary>
internal sealed partial class EbpfDataPlane
{
    /// <summary>
    /// Makes the maps, publishes an empty snapshot (drop everything, as *NOMODE* does), loads the programs of
    /// no mode and attaches the tx program to the team's egress. On failure returns why in words a user can
    /// act on (privileges, kernel), with nothing left behind.
    /// </summary>
    public static Errno TryCreate(NamespaceContext ns, int teamIfIndex, string team, out EbpfDataPlane? plane, out string? why)
    {
        plane = null;
        PlanePins pins = new(ns.Inode, team);
        // Pins of an earlier team of this name that nobody took over: their links serve no live interface.
        pins.RemoveAll();
        PlanePins.SweepSevered();
        BpfError err = TeamMaps.Create(out TeamMaps? maps);
        if (!err.IsSuccess || maps is null)
        {
            why = Explain(err, "create its maps");
            return err.Errno;
        }
        BpfProgram? tx = null;
        BpfProgram? rx = null;
        TcxLink? link = null;
        try
        {
            err = maps.Publish(TeamSnapshot.Empty.Data);
            err = err.IsSuccess ? BpfProgram.Load(TxProgram.Generate(ModeKind.None, HashFragments.None, maps), out tx) : err;
            err = err.IsSuccess ? BpfProgram.Load(RxProgram.Generate(ModeKind.None, maps), out rx) : err;
            if (err.IsSuccess)
            {
                using (ns.Enter())
                {
                    err = TcxLink.Attach(tx!, teamIfIndex, TcxDirection.Egress, out link);
                }
            }
            if (!err.IsSuccess)
            {
                why = Explain(err, "set up its programs");
                return err.Errno;
            }
            plane = Assemble(ns, teamIfIndex, maps, tx!, rx!, link!, pins, out why);
            if (plane is not null)
            {
                plane.PinWarning = Pin(maps, link!, pins);
            }
            return plane is null ? Errno.EINVAL : Errno.Success;
        }
        finally
        {
            if (plane is null)
            {
                link?.Dispose();
                tx?.Dispose();
                rx?.Dispose();
                maps.Dispose();
            }
        }
    }

    /// <summary>The plane around its maps, programs and team link, with its carrier watcher; null with why when the probe socket fails.</summary>
    private static EbpfDataPlane? Assemble(NamespaceContext ns, int teamIfIndex, TeamMaps maps, BpfProgram tx, BpfProgram rx, TcxLink link, PlanePins pins, out string? why)
    {
        Errno probe;
        CarrierWatcher? carrier;
        EbpfDataPlane? created = null;
        using (ns.Enter())
        {
            probe = CarrierWatcher.Create(() => TeamTxPackets(maps), slot => created?._observer?.CarrierChanged(slot), out carrier);
        }
        if (!probe.IsSuccess || carrier is null)
        {
            why = $"the carrier probe socket could not be opened: {probe.Message}";
            return null;
        }
        why = null;
        return created = new EbpfDataPlane(ns, teamIfIndex, maps, tx, rx, link, carrier, pins);
    }

    /// <summary>Pins the maps and the team's link; null, or why forwarding will not outlive this process.</summary>
    private static string? Pin(TeamMaps maps, TcxLink link, PlanePins pins)
    {
        BpfError err = maps.Pin(pins.Maps);
        if (err.IsSuccess)
        {
            pins.PrepareLinks();
            err = link.Pin(pins.TeamLink);
        }
        return err.IsSuccess ? null : $"the eBPF plane could not be pinned under {pins.Directory} ({err.Message}): forwarding will stop with this process";
    }

    /// <summary>Why the plane's pins could not be made, or null when forwarding outlives the process.</summary>
    public string? PinWarning { get; private set; }

    private static ulong TeamTxPackets(TeamMaps maps) => maps.ReadCounters(TeamMaps.TeamStatsIndex, out TeamCounters c).IsSuccess ? c.TxPackets : 0;

    /// <summary>What a user needs to know about a failure of bpf(2) or of the tcx attach.</summary>
    private static string Explain(BpfError err, string what)
    {
        int code = err.Errno.Code;
        if (code is 1 or 13)
        {
            return $"the eBPF data plane needs CAP_BPF and CAP_NET_ADMIN (or CAP_SYS_ADMIN): bpf(2) refused to {what} ({err.Errno.Name}: {err.Errno.Message})";
        }
        if (code is 38)
        {
            return "this kernel has no bpf(2) (CONFIG_BPF_SYSCALL)";
        }
        if (code is 22 or 95 && err.Operation?.Contains("tcx", StringComparison.Ordinal) == true)
        {
            return $"this kernel has no tcx hooks (BPF_TCX_EGRESS needs Linux 6.6 or later, CONFIG_NET_XGRESS): {err.Errno.Message}";
        }
        return $"the eBPF data plane could not {what}: {err.Message}";
    }
}
