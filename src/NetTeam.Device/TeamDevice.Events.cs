using NetTeam.Device.DataPlane;
using NetTeam.Device.Events;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;

namespace NetTeam.Device;

/// <summary>Change events (the team netlink API's changed/removed flags) and snapshot publication.</summary>
public sealed partial class TeamDevice
{
    private readonly List<TeamPortChange> _pendingPorts = [];
    private bool _teamStateChanged;
    private ulong _snapshotVersion;
    private int _updateDepth;
    private bool _publishPending;

    /// <summary>
    /// Runs one change on the control thread and then reports it: every public operation that changes the
    /// team goes through here, so each ends with one change event, raised on the control thread.
    /// </summary>
    private TeamResult Change(Func<TeamResult> change) => OnLoop(() =>
    {
        ThrowIfDisposed();
        TeamResult result = change();
        RaiseChanges();
        return result;
    });

    /// <inheritdoc/>
    public TeamUpdateScope BeginUpdate()
    {
        _loop.VerifyAccess();
        _updateDepth++;
        return new TeamUpdateScope(EndUpdate);
    }

    private void EndUpdate()
    {
        _loop.VerifyAccess();
        if (--_updateDepth == 0 && _publishPending && !_disposed)
        {
            Publish();
        }
    }

    /// <summary>Builds the snapshot of the current state and hands it to the data plane (deferred inside an update).</summary>
    private void Publish()
    {
        _loop.VerifyAccess();
        if (_updateDepth > 0)
        {
            _publishPending = true;
            return;
        }
        _publishPending = false;
        Span<int> enabled = stackalloc int[_enabled.Count];
        ulong txable = 0;
        for (int i = 0; i < _enabled.Count; i++)
        {
            enabled[i] = _enabled[i].Slot;
            txable |= _enabled[i].Txable ? 1UL << _enabled[i].Slot : 0;
        }
        Span<int> ifIndexes = stackalloc int[TeamSnapshot.MaxPorts];
        ifIndexes.Clear();
        foreach (TeamPort p in _ports)
        {
            ifIndexes[p.Slot] = p.IfIndex;
        }
        Span<sbyte> hashToSlot = stackalloc sbyte[TeamSnapshot.HashBuckets];
        _mode.WriteHashToSlot(hashToSlot);
        TeamSnapshot snapshot = TeamSnapshot.Create(
            _mode.Kind, enabled, txable, _mode.ActiveSlot, _mode.TxMethod, _mode.Fragments, hashToSlot, ifIndexes, IfIndex, ++_snapshotVersion);
        CurrentSnapshot = snapshot;
        _dataPlane.Publish(snapshot);
    }

    private void RaiseChanges()
    {
        if (CollectChanges() is TeamChangeEventArgs change)
        {
            Changed?.Invoke(this, change);
        }
    }

    private TeamChangeEventArgs? CollectChanges()
    {
        List<TeamOption> options = _options.CollectChanges();
        if (options.Count == 0 && _pendingPorts.Count == 0 && !_teamStateChanged)
        {
            return null;
        }
        TeamChangeEventArgs args = new([.. _pendingPorts], options, _teamStateChanged);
        _pendingPorts.Clear();
        _teamStateChanged = false;
        return args;
    }
}
