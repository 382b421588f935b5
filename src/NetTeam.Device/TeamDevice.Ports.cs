using NetTeam.Device.Backends;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Events;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device;

/// <summary>The port API (team_port_add, team_port_del), enabling, user linkup and carrier.</summary>
public sealed partial class TeamDevice
{
    private ulong _slotsInUse;
    private bool _carrier;
    private bool _userCarrierEnabled;

    /// <summary>
    /// Adds a port (team_port_add). Refuses an unknown name (ENODEV), loopback, non-Ethernet devices and
    /// the team itself (EINVAL), and a port already in a team, here or in another process (EBUSY). On
    /// success the port's settings are saved, its MTU set to the team's, its MAC per the mode, its own stack
    /// silenced where the data plane needs it, brought up and enabled. On any failure the port is left
    /// exactly as it was.
    /// </summary>
    public void AddPort(string name) => TryAddPort(name).ThrowIfFailed();

    /// <inheritdoc cref="AddPort"/>
    public TeamResult TryAddPort(string name) => Change(() => AddPortCore(name));

    private TeamResult AddPortCore(string name)
    {
        TeamResult result = ValidateNewPort(name, out LinkInfo? link, out int slot);
        if (!result.IsSuccess)
        {
            return Refused(name, result);
        }
        Errno err = _links.LockPort(link!, Name, out IPortLease? lease, out string? holder);
        if (!err.IsSuccess || lease is null)
        {
            return Refused(name, TeamResult.Fail(Errno.EBUSY, $"Device {name} is already a port of {holder ?? "another team"}."));
        }
        TeamPort port = CreatePort(link!, slot, lease);
        result = SetUpPort(port);
        if (!result.IsSuccess)
        {
            _portSetup.Restore(SetupContext(port), _logger, Name);
            lease.Dispose();
            return Refused(name, result);
        }
        _ports.Add(port);
        _leases[port] = lease;
        _slotsInUse |= 1UL << slot;
        _options.AddPort(port, PortOptions());
        _mode.PortEnter(this, port);
        _pendingPorts.Add(new TeamPortChange(Info(port), true, false));
        // team_port_add step 9: the port is enabled on add.
        EnablePort(port);
        RefreshCarrier();
        RefreshGsoLimits();
        Publish();
        Log.PortAdded(_logger, Name, port.Name);
        return TeamResult.Ok;
    }

    /// <summary>The refusals of team_port_add that leave the port untouched.</summary>
    private TeamResult ValidateNewPort(string name, out LinkInfo? link, out int slot)
    {
        slot = -1;
        if (!_links.GetLink(name, out link).IsSuccess || link is null)
        {
            return TeamResult.Fail(Errno.ENODEV, $"No such device \"{name}\".");
        }
        if (link.Index == IfIndex)
        {
            return TeamResult.Fail(Errno.EINVAL, $"Cannot add {name} to itself.");
        }
        if (link.Type == LinkType.Loopback || (link.Flags & LinkFlags.Loopback) != 0)
        {
            return TeamResult.Fail(Errno.EINVAL, $"Device {name} is loopback device. Loopback devices can't be added as a team port.");
        }
        if (link.Type != LinkType.Ether)
        {
            return TeamResult.Fail(Errno.EINVAL, $"Device {name} is not an Ethernet device (type {(ushort)link.Type}).");
        }
        if (FindPort(link.Index) is not null)
        {
            return TeamResult.Fail(Errno.EBUSY, $"Device {name} is already a port of {Name}.");
        }
        if (link.MasterIndex != 0)
        {
            return TeamResult.Fail(Errno.EBUSY, $"Device {name} already has a master device (ifindex {link.MasterIndex}).");
        }
        // A port of a team taken over keeps its slot: the running programs and counters know it by that.
        int preferred = _dataPlane.PreferredSlot(link.Index);
        slot = preferred >= 0 && (_slotsInUse & (1UL << preferred)) == 0 ? preferred : FreeSlot();
        return slot < 0 ? TeamResult.Fail(Errno.EBUSY, $"{Name} already has {TeamSnapshot.MaxPorts} ports.") : TeamResult.Ok;
    }

    private TeamPort CreatePort(LinkInfo link, int slot, IPortLease lease)
    {
        PortSavedSettings current = new(
            link.Name,
            link.Index,
            link.Mtu,
            link.Address,
            (link.Flags & LinkFlags.Up) != 0,
            (link.Flags & LinkFlags.Promiscuous) != 0,
            (link.Flags & LinkFlags.AllMulticast) != 0,
            (link.Flags & LinkFlags.NoArp) != 0,
            _links.GetIpv6Disabled(link.Name),
            _links.GetRpFilter(link.Name));
        // After a crash the port still carries the dead process's changes: its saved settings are the truth.
        PortSavedSettings saved = lease.Recovered is PortSavedSettings r && r.IfIndex == link.Index && r.Name == link.Name ? r : current;
        lease.Record(saved);
        return new TeamPort(link.Name, link.Index, slot, saved, link.PermanentAddress ?? link.Address)
        {
            Address = link.Address,
            Mtu = link.Mtu,
        };
    }

    /// <summary>Applies the port setup, takes the receive filter and attaches the port to the data plane; undoes its own part on failure.</summary>
    private TeamResult SetUpPort(TeamPort port)
    {
        TeamResult result = _portSetup.Apply(SetupContext(port));
        if (!result.IsSuccess)
        {
            return result;
        }
        CrashPoint.Hit("port-add");
        Errno err = _links.OpenReceiveFilter(port.IfIndex, out IPortReceiveFilter? filter);
        if (!err.IsSuccess || filter is null)
        {
            return TeamResult.Fail(err, $"Could not open the receive filter of {port.Name}: {err.Message}.");
        }
        port.Filter = filter;
        err = filter.Apply(WantsPromisc(port), (_flags & LinkFlags.AllMulticast) != 0, _multicast);
        port.Link = _links.GetLink(port.IfIndex, out LinkInfo? now).IsSuccess && now is not null ? _links.GetPortLink(now) : default;
        if (err.IsSuccess)
        {
            err = _dataPlane.Attach(new PortAttachment(port.Slot, port.IfIndex, port.Name, port.Link.Up));
        }
        if (!err.IsSuccess)
        {
            filter.Dispose();
            port.Filter = null;
            return TeamResult.Fail(err, $"Could not attach {port.Name} to the data plane: {err.Message}.");
        }
        return TeamResult.Ok;
    }

    private PortSetupContext SetupContext(TeamPort port) => new(_links, port, _mtu, _mode.PortsTakeTeamAddress ? _address : null);

    private TeamResult Refused(string port, TeamResult result)
    {
        Log.PortRefused(_logger, Name, port, result.Message ?? result.Error.Message);
        return result;
    }

    private int FreeSlot()
    {
        for (int i = 0; i < TeamSnapshot.MaxPorts; i++)
        {
            if ((_slotsInUse & (1UL << i)) == 0)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// The ports a predecessor of this team left in it (their lock records name the team, their holder is
    /// gone): a daemon that took the team over and does not keep one of them removes it, which restores it.
    /// </summary>
    public IReadOnlyList<string> PortsLeftByPredecessor() => OnLoop(() => _links.PortsLeftBy(Name));

    /// <summary>Removes a port (team_port_del) and restores every saved setting; ENODEV if it is not a port.</summary>
    public void RemovePort(string name) => TryRemovePort(name).ThrowIfFailed();

    /// <inheritdoc cref="RemovePort"/>
    public TeamResult TryRemovePort(string name) => Change(() =>
    {
        TeamPort? port = FindPort(name);
        if (port is null)
        {
            return TeamResult.Fail(Errno.ENODEV, $"\"{name}\" is not a port of {Name}.");
        }
        RemovePortCore(port, restore: true);
        return TeamResult.Ok;
    });

    private void RemovePortCore(TeamPort port, bool restore)
    {
        _loop.VerifyAccess();
        TeamStatistics last = _dataPlane.ReadPortStatistics(port.Slot);
        using (BeginUpdate())
        {
            DisablePort(port);
            _mode.PortLeave(this, port);
        }
        _dataPlane.Detach(port.Slot);
        port.Filter?.Dispose();
        port.Filter = null;
        _ports.Remove(port);
        _slotsInUse &= ~(1UL << port.Slot);
        _options.RemovePort(port);
        if (restore)
        {
            _portSetup.Restore(SetupContext(port), _logger, Name);
        }
        if (_leases.Remove(port, out IPortLease? lease))
        {
            lease.Dispose();
        }
        _pendingPorts.Add(new TeamPortChange(port.ToInfo(last), false, true));
        RefreshCarrier();
        RefreshGsoLimits();
        Publish();
        Log.PortRemoved(_logger, Name, port.Name);
    }

    private TeamResult SetPortEnabled(TeamPort port, bool enabled)
    {
        if (enabled)
        {
            EnablePort(port);
        }
        else
        {
            DisablePort(port);
        }
        RefreshCarrier();
        return TeamResult.Ok;
    }

    private void EnablePort(TeamPort port)
    {
        _loop.VerifyAccess();
        if (port.Enabled)
        {
            return;
        }
        port.Enabled = true;
        port.EnabledIndex = _enabled.Count;
        _enabled.Add(port);
        _options.MarkChanged(Options.TeamOptionNames.Enabled, port, 0);
        // team_port_enable: every enabled port makes the team tell its peers (team_notify_peers, team_mcast_rejoin).
        TriggerPeerNotifications();
    }

    private void DisablePort(TeamPort port)
    {
        _loop.VerifyAccess();
        if (!port.Enabled)
        {
            return;
        }
        // team_port_disable: the last enabled port takes the freed index (__reconstruct_port_hlist).
        _enabled.Remove(port);
        for (int i = 0; i < _enabled.Count; i++)
        {
            _enabled[i].EnabledIndex = i;
        }
        port.Enabled = false;
        port.EnabledIndex = -1;
        _mode.PortDisabled(this, port);
        _options.MarkChanged(Options.TeamOptionNames.Enabled, port, 0);
    }

    /// <summary>Also called by activebackup when the active port changes: frames now leave by another port.</summary>
    void Modes.IModeContext.TriggerPeerNotifications() => TriggerPeerNotifications();

    private void TriggerPeerNotifications()
    {
        // Only a running team notifies (netif_running in team_notify_peers).
        if ((_flags & LinkFlags.Up) != 0)
        {
            _announcer.Trigger();
        }
    }

    private TeamResult SetUserLinkup(TeamPort port, bool? linkup, bool? enabled)
    {
        bool before = port.Linkup;
        if (linkup is bool l)
        {
            port.UserLinkup = l;
        }
        if (enabled is bool e)
        {
            port.UserLinkupEnabled = e;
        }
        if (before != port.Linkup)
        {
            _pendingPorts.Add(new TeamPortChange(Info(port), true, false));
        }
        RefreshCarrier();
        return TeamResult.Ok;
    }

    private void RefreshCarrier()
    {
        // __team_carrier_check: carrier = OR of port->linkup, unless userspace has taken carrier over.
        if (!_userCarrierEnabled)
        {
            ApplyCarrier(_ports.Exists(p => p.Linkup));
        }
    }

    private void ApplyCarrier(bool carrier)
    {
        if (carrier != _carrier)
        {
            _carrier = carrier;
            _interface.SetCarrier(carrier);
            Log.CarrierChanged(_logger, Name, carrier ? "up" : "down");
            CarrierChanged?.Invoke(this, carrier);
        }
    }

    /// <summary>
    /// Sets the team carrier from userspace (team_change_carrier, teamd's team_carrier_set, used by the lacp
    /// runner for min_ports). As in the kernel, the first call latches user carrier: from then on the
    /// device stops deriving carrier from the ports' linkup.
    /// </summary>
    public void SetCarrier(bool carrier) => _loop.Invoke(() =>
    {
        ThrowIfDisposed();
        _userCarrierEnabled = true;
        ApplyCarrier(carrier);
    });
}
