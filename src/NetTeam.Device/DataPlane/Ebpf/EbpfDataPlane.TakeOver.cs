using NetTeam.Bpf;
using NetTeam.Device.Linux;
using NetTeam.Interop;
using NetTeam.Interop.Bpf;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// Taking over a plane a dead or departing daemon left pinned (ebpf-dataplane.md §4): the maps are opened and
/// checked against this version's layout, the links against the team's interface and their attach type,
/// the live snapshot is read back, and this version's programs are swapped into the links with
/// BPF_LINK_UPDATE, with no gap. The old snapshot keeps forwarding until the new policy has agreed on a new
/// one (<see cref="ResumePublishing"/>).
/// </summary>
internal sealed partial class EbpfDataPlane
{
    /// <summary>
    /// ENOENT when nothing is pinned; EINVAL with why when what is pinned does not fit this version (the caller
    /// then removes it and builds a fresh plane, saying so).
    /// </summary>
    public static Errno TryTakeOver(NamespaceContext ns, int teamIfIndex, string team, out EbpfDataPlane? plane, out string? why)
    {
        plane = null;
        PlanePins pins = new(ns.Inode, team);
        if (!pins.Exist)
        {
            why = $"nothing is pinned under {pins.Directory}";
            return Errno.ENOENT;
        }
        BpfError err = TeamMaps.OpenPinned(pins.Maps, out TeamMaps? maps);
        if (!err.IsSuccess || maps is null)
        {
            why = $"the pinned maps do not fit this version ({err.Message})";
            return Errno.EINVAL;
        }
        TcxLink? link = null;
        Dictionary<int, TcxLink> ports = [];
        try
        {
            why = OpenLinks(pins, teamIfIndex, out link, ports);
            TeamSnapshotData live = default;
            if (why is null && !maps.ReadSnapshot(out live).IsSuccess)
            {
                why = "the pinned maps hold no snapshot";
            }
            if (why is null)
            {
                plane = Adopt(ns, teamIfIndex, maps, link!, ports, pins, new TeamSnapshot(live), out why);
            }
            return plane is null ? Errno.EINVAL : Errno.Success;
        }
        finally
        {
            if (plane is null)
            {
                link?.Dispose();
                foreach (TcxLink l in ports.Values)
                {
                    l.Dispose();
                }
                maps.Dispose();
            }
        }
    }

    /// <summary>Detaches every pinned link of the team (in the caller's namespace) and removes the pins.</summary>
    public static void RemovePinned(NamespaceContext ns, string team)
    {
        PlanePins pins = new(ns.Inode, team);
        IEnumerable<string> links = [pins.TeamLink, .. pins.PortLinks().Select(pins.PortLink)];
        foreach (string path in links)
        {
            if (TcxLink.OpenPinned(path, out TcxLink? link).IsSuccess && link is not null)
            {
                link.Detach();
                link.Dispose();
            }
        }
        pins.RemoveAll();
    }

    /// <summary>Opens the team's and the ports' pinned links, each checked; null, or what does not fit.</summary>
    private static string? OpenLinks(PlanePins pins, int teamIfIndex, out TcxLink? team, Dictionary<int, TcxLink> ports)
    {
        team = null;
        BpfError err = TcxLink.OpenPinned(pins.TeamLink, out team);
        if (!err.IsSuccess || team is null || !team.GetInfo(out BpfLinkInfo info).IsSuccess)
        {
            return $"the team's pinned link cannot be opened ({err.Message})";
        }
        if (info.IfIndex != teamIfIndex || info.AttachType != BpfAttachType.TcxEgress)
        {
            return $"the team's pinned link is on ifindex {info.IfIndex} ({info.AttachType}), not on the team's egress (ifindex {teamIfIndex})";
        }
        foreach (int ifIndex in pins.PortLinks())
        {
            if (!TcxLink.OpenPinned(pins.PortLink(ifIndex), out TcxLink? port).IsSuccess || port is null)
            {
                continue;
            }
            if (!port.GetInfo(out BpfLinkInfo p).IsSuccess || p.IfIndex != ifIndex || p.AttachType != BpfAttachType.TcxIngress)
            {
                port.Dispose();
                return $"the pinned link of port ifindex {ifIndex} is not that port's ingress";
            }
            ports[ifIndex] = port;
        }
        return null;
    }

    /// <summary>This version's programs for the live snapshot, swapped into every pinned link.</summary>
    private static EbpfDataPlane? Adopt(NamespaceContext ns, int teamIfIndex, TeamMaps maps, TcxLink team, Dictionary<int, TcxLink> ports, PlanePins pins, TeamSnapshot live, out string? why)
    {
        ModeKind mode = live.Mode;
        HashFragments fragments = mode == ModeKind.LoadBalance ? live.Data.HashFragments : HashFragments.None;
        BpfProgram tx = Load(TxProgram.Generate(mode, fragments, maps));
        BpfProgram rx = Load(RxProgram.Generate(mode, maps));
        Errno err = team.Update(tx);
        foreach (TcxLink port in ports.Values)
        {
            err = err.IsSuccess ? port.Update(rx) : err;
        }
        why = null;
        EbpfDataPlane? plane = err.IsSuccess ? Assemble(ns, teamIfIndex, maps, tx, rx, team, pins, out why) : null;
        if (plane is null)
        {
            why = err.IsSuccess ? why : $"this version's programs could not be swapped in: {err.Message}";
            tx.Dispose();
            rx.Dispose();
            return null;
        }
        plane._txKey = (mode, fragments);
        plane._rxKey = mode;
        plane.TakenOver = live;
        foreach ((int ifIndex, TcxLink port) in ports)
        {
            plane._adoptable[ifIndex] = port;
        }
        return plane;
    }
}
