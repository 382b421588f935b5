using NetTeam.Bpf;
using NetTeam.Interop;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>Attaching the rx program to the ports a daemon is about to add, all at once.</summary>
internal sealed partial class EbpfDataPlane
{
    // Ingress links made ahead of Attach, by ifindex; they run the current rx program (Publish swaps them too).
    private readonly Dictionary<int, TcxLink> _prepared = [];

    /// <summary>
    /// Attaches the rx program to each of <paramref name="ifIndexes"/> in parallel, for <see cref="Attach"/> to
    /// take. Every tcx attach waits for an RCU grace period (kernel/bpf/tcx.c: tcx_entry_sync after the
    /// bpf_mprog a/b swap), 10-13 ms on this machine's virtual CPUs, and one after the other they were most
    /// of a daemon's start (issue 12); side by side the waits overlap. Until its port is added the program
    /// finds no slot for the device and passes its frames on untouched. One that fails is left to Attach,
    /// which tries again and reports.
    /// </summary>
    public void Prepare(IReadOnlyList<int> ifIndexes)
    {
        ArgumentNullException.ThrowIfNull(ifIndexes);
        List<int> wanted = [.. ifIndexes.Distinct().Where(i => !_prepared.ContainsKey(i) && !_adoptable.ContainsKey(i) && !_portLinks.Values.Any(p => p.IfIndex == i))];
        if (wanted.Count < 2)
        {
            // One port gains nothing from a thread of its own.
            return;
        }
        TcxLink?[] links = new TcxLink?[wanted.Count];
        BpfProgram rx = _rx;
        Thread[] threads = [.. wanted.Select((ifIndex, i) => new Thread(() =>
        {
            using (_ns.Enter())
            {
                links[i] = TcxLink.Attach(rx, ifIndex, TcxDirection.Ingress, out TcxLink? link).IsSuccess ? link : null;
            }
        }) { IsBackground = true, Name = "netteam-attach" })];
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());
        for (int i = 0; i < wanted.Count; i++)
        {
            if (links[i] is TcxLink link)
            {
                _prepared[wanted[i]] = link;
            }
        }
    }

    /// <summary>Detaches the prepared links that no port took.</summary>
    public void ReleasePrepared()
    {
        foreach (TcxLink link in _prepared.Values)
        {
            link.Detach();
            link.Dispose();
        }
        _prepared.Clear();
    }

    /// <summary>A port whose link <see cref="Prepare"/> made: it gets its slot, the carrier watch and its pin.</summary>
    private Errno AttachPrepared(PortAttachment port, TcxLink link)
    {
        Errno err = _maps.ResetCounters(port.Slot);
        err = err.IsSuccess ? _maps.SetPortSlot(port.IfIndex, port.Slot) : err;
        if (!err.IsSuccess)
        {
            _prepared[port.IfIndex] = link;
            return err;
        }
        _portLinks[port.Slot] = (link, port.IfIndex);
        _carrier.Add(port);
        return link.Pin(_pins.PortLink(port.IfIndex)).Errno;
    }
}
