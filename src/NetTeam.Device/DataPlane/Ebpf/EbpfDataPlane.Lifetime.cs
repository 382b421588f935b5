using NetTeam.Bpf;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>The end of the plane: torn down with its pins on a clean stop, or left forwarding for a successor.</summary>
internal sealed partial class EbpfDataPlane
{
    /// <inheritdoc/>
    public TeamSnapshot? TakenOver { get; private set; }

    public int PreferredSlot(int ifIndex)
    {
        if (TakenOver is null)
        {
            return -1;
        }
        ReadOnlySpan<int> slots = TakenOver.Data.SlotIfIndex;
        return ifIndex != 0 ? slots.IndexOf(ifIndex) : -1;
    }

    public void ResumePublishing()
    {
        if (TakenOver is null)
        {
            return;
        }
        TakenOver = null;
        // Ports of the old team that this one did not take back: off the wire and out of the pins.
        foreach ((int ifIndex, TcxLink link) in _adoptable)
        {
            link.Detach();
            link.Dispose();
            PlanePins.Unpin(_pins.PortLink(ifIndex));
            _maps.RemovePortSlot(ifIndex);
        }
        _adoptable.Clear();
        if (_held is TeamSnapshot held)
        {
            _held = null;
            Publish(held);
        }
    }

    /// <summary>Clean stop: links detached (nothing is forwarded any more), pins removed, everything closed.</summary>
    public void Dispose() => Close(detach: true);

    /// <summary>Handover or -N: the pins keep programs, links and maps, and so the forwarding, alive.</summary>
    public void Abandon() => Close(detach: false);

    private void Close(bool detach)
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _carrier.Dispose();
        IEnumerable<TcxLink> links = [.. _portLinks.Values.Select(p => p.Link), .. _adoptable.Values, _teamLink];
        foreach (TcxLink link in links)
        {
            if (detach)
            {
                link.Detach();
            }
            link.Dispose();
        }
        if (detach)
        {
            _pins.RemoveAll();
        }
        _portLinks.Clear();
        _adoptable.Clear();
        _tx.Dispose();
        _rx.Dispose();
        _maps.Dispose();
    }
}
