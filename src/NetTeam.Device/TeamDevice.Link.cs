using System.Globalization;
using NetTeam.Device.Events;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device;

/// <summary>
/// The team interface's MTU, MAC and flags and the ports' link: propagation to the ports with rollback
/// (team_change_mtu, team_set_mac_address), receive filters, and rtnetlink link events.
/// </summary>
public sealed partial class TeamDevice
{
    private int _mtu;
    private MacAddress _address;
    private LinkFlags _flags;
    private IReadOnlyList<MacAddress> _multicast = [];
    private long _lastFilterSync;
    private (int Size, int Segments) _ownGso;
    private int _linkResyncQueued;
    private long _linkResyncs;

    /// <summary>How many times lost link events (ENOBUFS) made the team read its links again.</summary>
    internal long LinkResyncs => Interlocked.Read(ref _linkResyncs);

    /// <summary>Sets the team MTU and propagates it to every port, rolling back if one refuses (team_change_mtu).</summary>
    public void SetMtu(int mtu) => Change(() =>
    {
        int old = _mtu;
        Errno err = Propagate(mtu, old, "MTU", mtu.ToString(CultureInfo.InvariantCulture), (p, v) => p.Mtu == v ? Errno.Success : SetPortMtu(p, v));
        if (!err.IsSuccess)
        {
            return TeamResult.Fail(err, $"MTU {mtu} was refused by a port ({err.Message}); nothing changed.");
        }
        if (!(err = _links.SetMtu(IfIndex, mtu)).IsSuccess)
        {
            Propagate(old, mtu, "MTU", old.ToString(CultureInfo.InvariantCulture), SetPortMtu);
            return TeamResult.Fail(err, $"MTU {mtu} was refused by {Name} ({err.Message}); nothing changed.");
        }
        _mtu = mtu;
        return TeamResult.Ok;
    }).ThrowIfFailed();

    /// <summary>Sets the team MAC; ports that carry the team address follow, with rollback on refusal.</summary>
    public void SetAddress(MacAddress address) => TrySetAddress(address).ThrowIfFailed();

    /// <inheritdoc/>
    public TeamResult TrySetAddress(MacAddress address) => Change(() =>
    {
        MacAddress old = _address;
        Errno err = PropagateAddress(address, old);
        if (!err.IsSuccess)
        {
            return TeamResult.Fail(err, $"Address {address} was refused by a port ({err.Message}); nothing changed.");
        }
        if (!(err = _links.SetAddress(IfIndex, address)).IsSuccess)
        {
            PropagateAddress(old, address);
            return TeamResult.Fail(err, $"Address {address} was refused by {Name} ({err.Message}); nothing changed.");
        }
        _address = address;
        return TeamResult.Ok;
    });

    /// <summary>Sets a port's MAC (for runners that own port MACs, such as activebackup's hwaddr policy).</summary>
    public void SetPortAddress(string portName, MacAddress address) => TrySetPortAddress(portName, address).ThrowIfFailed();

    /// <inheritdoc/>
    public TeamResult TrySetPortAddress(string portName, MacAddress address) => Change(() =>
    {
        TeamPort? port = FindPort(portName);
        if (port is null)
        {
            return TeamResult.Fail(Errno.ENODEV, $"\"{portName}\" is not a port of {Name}.");
        }
        Errno err = SetPortAddress(port, address);
        return err.IsSuccess ? TeamResult.Ok : TeamResult.Fail(err, $"Could not set address {address} on {portName}: {err.Message}.");
    });

    /// <summary>Puts a port's own (saved) MAC back while it stays in the team (hwaddr_policy only_active).</summary>
    public void RestorePortAddress(string portName) => TryRestorePortAddress(portName).ThrowIfFailed();

    /// <inheritdoc/>
    public TeamResult TryRestorePortAddress(string portName) => OnLoop(() =>
        FindPort(portName) is TeamPort port
            ? TrySetPortAddress(portName, port.Saved.Address)
            : TeamResult.Fail(Errno.ENODEV, $"\"{portName}\" is not a port of {Name}."));

    private Errno PropagateAddress(MacAddress address, MacAddress rollbackTo) =>
        !_mode.PortsTakeTeamAddress
            ? Errno.Success
            : Propagate(address, rollbackTo, "address", address.ToString(), (p, v) => p.Address == v ? Errno.Success : SetPortAddress(p, v));

    /// <summary>Applies a team setting to every port; if one refuses, the ports already changed get <paramref name="rollbackTo"/>.</summary>
    private Errno Propagate<T>(T value, T rollbackTo, string what, string shown, Func<TeamPort, T, Errno> apply)
    {
        List<TeamPort> done = [];
        foreach (TeamPort port in _ports)
        {
            Errno err = apply(port, value);
            if (!err.IsSuccess)
            {
                Log.TeamChangeRolledBack(_logger, Name, what, shown, port.Name, err.Message);
                foreach (TeamPort d in done)
                {
                    apply(d, rollbackTo);
                }
                return err;
            }
            done.Add(port);
        }
        return Errno.Success;
    }

    private Errno SetPortMtu(TeamPort port, int mtu)
    {
        Errno err = _links.SetMtu(port.IfIndex, mtu);
        if (err.IsSuccess)
        {
            port.Mtu = mtu;
        }
        return err;
    }

    private Errno SetPortAddress(TeamPort port, MacAddress address)
    {
        _loop.VerifyAccess();
        // Some drivers refuse a MAC change while up (IFF_LIVE_ADDR_CHANGE); veth and most NICs accept it.
        Errno err = _links.SetAddress(port.IfIndex, address);
        if (err == Errno.EBUSY)
        {
            _links.SetUp(port.IfIndex, false);
            err = _links.SetAddress(port.IfIndex, address);
            _links.SetUp(port.IfIndex, true);
        }
        if (err.IsSuccess)
        {
            port.Address = address;
            ApplyFilter(port);
        }
        return err;
    }

    /// <summary>A port whose MAC differs from the team's must be promiscuous to see the team's unicast frames.</summary>
    private bool WantsPromisc(TeamPort port) => (_flags & LinkFlags.Promiscuous) != 0 || port.Address != _address;

    private void ApplyFilter(TeamPort port) => port.Filter?.Apply(WantsPromisc(port), (_flags & LinkFlags.AllMulticast) != 0, _multicast);

    /// <summary>
    /// The data plane saw a port's carrier change while sending on it: handled as a link event, with the
    /// link read now over rtnetlink (IFLA_CARRIER is the driver's carrier; only the event is late).
    /// </summary>
    private void OnCarrierSampled(int slot, long sampledAt)
    {
        TeamPort? port = _disposed ? null : _ports.Find(p => p.Slot == slot);
        if (port is not null && _links.GetLink(port.IfIndex, out LinkInfo? link).IsSuccess && link is not null)
        {
            OnLinkEvent(new LinkEvent(LinkEventKind.NewLink, link), sampledAt);
        }
    }

    /// <summary>
    /// The link monitor lost events (ENOBUFS, on its thread): any change of the team or a port may be among
    /// them, so the team reads every link it holds again, once however many overruns a burst brings.
    /// </summary>
    internal void OnLinkEventsLost()
    {
        if (Interlocked.Exchange(ref _linkResyncQueued, 1) == 0)
        {
            _loop.Post(ResyncLinks);
        }
    }

    /// <summary>The current state of the team interface and of every port, as if each had sent an event; a port gone is removed.</summary>
    private void ResyncLinks()
    {
        _loop.VerifyAccess();
        // Cleared first: an overrun during the resync queues another, so nothing lost after this read goes unread.
        Volatile.Write(ref _linkResyncQueued, 0);
        if (_disposed)
        {
            return;
        }
        Interlocked.Increment(ref _linkResyncs);
        Log.LinkEventsLost(_logger, Name);
        if (_links.GetLink(IfIndex, out LinkInfo? team).IsSuccess && team is not null)
        {
            OnTeamLinkChanged(team);
        }
        foreach (TeamPort port in _ports.ToArray())
        {
            Errno err = _links.GetLink(port.IfIndex, out LinkInfo? link);
            if (err == Errno.ENODEV)
            {
                Log.PortVanished(_logger, Name, port.Name);
                RemovePortCore(port, restore: false);
            }
            else if (err.IsSuccess && link is not null)
            {
                OnPortLinkChanged(port, new LinkEvent(LinkEventKind.NewLink, link), _time.GetTimestamp());
            }
        }
        RaiseChanges();
    }

    /// <summary>
    /// The link monitor's thread hands an rtnetlink event over: the time it arrived is taken here, before the
    /// hop to the control thread, so a failover's duration counts from the event (see <see cref="TeamPortInfo.LinkEventTimestamp"/>).
    /// </summary>
    internal void PostLinkEvent(LinkEvent e)
    {
        long receivedAt = _time.GetTimestamp();
        _loop.Post(() => OnLinkEvent(e, receivedAt));
    }

    /// <summary>Handles an rtnetlink link event that arrives now.</summary>
    internal void OnLinkEvent(LinkEvent e) => OnLinkEvent(e, _time.GetTimestamp());

    /// <summary>Handles an rtnetlink link event (posted by the link monitor) that arrived at <paramref name="receivedAt"/> (the TimeProvider's timestamp).</summary>
    private void OnLinkEvent(LinkEvent e, long receivedAt)
    {
        _loop.VerifyAccess();
        if (_disposed)
        {
            return;
        }
        if (e.Link.Index == IfIndex)
        {
            // As for ports: the event is the trigger, the link's current state the truth (an event queued
            // while the team was being created still says "down").
            OnTeamLinkChanged(_links.GetLink(IfIndex, out LinkInfo? fresh).IsSuccess && fresh is not null ? fresh : e.Link);
        }
        else if (FindPort(e.Link.Index) is TeamPort port)
        {
            OnPortLinkChanged(port, e, receivedAt);
        }
        RaiseChanges();
    }

    private void OnTeamLinkChanged(LinkInfo link)
    {
        if (link.Mtu != _mtu)
        {
            // The user changed the team's MTU: propagate, and put it back if a port refuses.
            int old = _mtu;
            if (Propagate(link.Mtu, old, "MTU", link.Mtu.ToString(CultureInfo.InvariantCulture), (p, v) => p.Mtu == v ? Errno.Success : SetPortMtu(p, v)).IsSuccess)
            {
                _mtu = link.Mtu;
            }
            else
            {
                _links.SetMtu(IfIndex, old);
            }
        }
        if (link.Address != _address)
        {
            if (PropagateAddress(link.Address, _address).IsSuccess)
            {
                _address = link.Address;
                _ports.ForEach(ApplyFilter);
            }
            else
            {
                _links.SetAddress(IfIndex, _address);
            }
        }
        if (((link.Flags ^ _flags) & LinkFlags.Up) != 0)
        {
            _teamStateChanged = true;
        }
        LinkFlags filterFlags = LinkFlags.Promiscuous | LinkFlags.AllMulticast;
        bool filtersChanged = ((link.Flags ^ _flags) & filterFlags) != 0;
        _flags = link.Flags;
        if (filtersChanged)
        {
            SyncFilters(force: true);
        }
    }

    private void OnPortLinkChanged(TeamPort port, LinkEvent e, long receivedAt)
    {
        if (e.Kind == LinkEventKind.DeleteLink)
        {
            // NETDEV_UNREGISTER removes the port; there is nothing left to restore.
            Log.PortVanished(_logger, Name, port.Name);
            RemovePortCore(port, restore: false);
            return;
        }
        // An event may be stale by the time it is handled (NetTeam's own down/up during port add, a burst of
        // carrier flaps): the event is the trigger, the link's current state is the truth.
        LinkInfo current = _links.GetLink(port.IfIndex, out LinkInfo? fresh).IsSuccess && fresh is not null ? fresh : e.Link;
        port.Name = current.Name;
        if (current.Mtu != _mtu && current.Mtu != port.Mtu)
        {
            // The kernel vetoes a port MTU change (NETDEV_PRECHANGEMTU); NetTeam can only re-apply it.
            Log.PortMtuReapplied(_logger, Name, port.Name, current.Mtu, _mtu);
            _links.SetMtu(port.IfIndex, _mtu);
        }
        PortLink link = _links.GetPortLink(current);
        if (link != port.Link)
        {
            bool wasUp = port.Link.Up;
            port.Link = link;
            port.LinkEventTimestamp = receivedAt;
            if (wasUp != link.Up)
            {
                Log.PortLinkChanged(_logger, Name, port.Name, link.Up ? "up" : "down");
                if (!link.Up)
                {
                    CrashPoint.Throw("port-link-down");
                }
            }
            _pendingPorts.Add(new TeamPortChange(Info(port), true, false));
            RefreshCarrier();
            Publish();
        }
    }

    private void RefreshTeamLink()
    {
        Errno err = _links.GetLink(IfIndex, out LinkInfo? link);
        if (!err.IsSuccess || link is null)
        {
            throw new TeamException(err, $"Cannot read the team interface {Name}: {err.Message}.");
        }
        _mtu = link.Mtu;
        _address = link.Address;
        _flags = link.Flags;
        _ownGso = (link.GsoMaxSize, link.GsoMaxSegs);
    }

    /// <summary>
    /// The team builds no GSO frame larger than its smallest port takes (bonding's bond_compute_features):
    /// a frame the eBPF plane redirects reaches the port whole, and the port would have to segment it in
    /// software. Without ports the team's own limits come back.
    /// </summary>
    private void RefreshGsoLimits()
    {
        (int size, int segments) = _ownGso;
        if (size <= 0 || segments <= 0)
        {
            return;
        }
        foreach (TeamPort port in _ports)
        {
            if (_links.GetLink(port.IfIndex, out LinkInfo? link).IsSuccess && link is { GsoMaxSize: > 0, GsoMaxSegs: > 0 })
            {
                size = Math.Min(size, link.GsoMaxSize);
                segments = Math.Min(segments, link.GsoMaxSegs);
            }
        }
        Errno err = _links.SetGsoLimits(IfIndex, size, segments);
        if (!err.IsSuccess)
        {
            Log.OperationFailed(_logger, Name, $"setting the GSO limits {size}/{segments}", err.Message);
        }
    }

    private void SyncFilters(bool force)
    {
        IReadOnlyList<MacAddress> multicast = _links.GetMulticastAddresses(IfIndex);
        if (!force && multicast.SequenceEqual(_multicast))
        {
            return;
        }
        _multicast = multicast;
        _ports.ForEach(ApplyFilter);
    }

    private void OnTick()
    {
        if (_disposed)
        {
            return;
        }
        _mode.Tick(this, _time.GetElapsedTime(0));
        // The multicast list of a netdev changes without a link event: look once a second.
        long ticks = _time.GetTimestamp();
        if (_time.GetElapsedTime(_lastFilterSync, ticks) >= TimeSpan.FromSeconds(1))
        {
            _lastFilterSync = ticks;
            SyncFilters(force: false);
        }
        RaiseChanges();
    }
}
