using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetTeam.Device.Backends;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Events;
using NetTeam.Device.Frames;
using NetTeam.Device.Modes;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device;

/// <summary>
/// The team device: NetTeam's counterpart of the kernel's team driver (Linux drivers/net/team/team_core.c).
/// It owns the team interface, the ports, the mode and the options, publishes snapshots to the data plane,
/// and raises change events in the shape of the team netlink API. It is mechanism only: runners drive it
/// through options and the port API. All control operations are serialized by one lock; events are raised
/// after it is released.
/// </summary>
public sealed partial class TeamDevice : ITeamControl, IDisposable
{
    /// <summary>The kernel's default queue count for a team (TEAM_DEFAULT_NUM_TX_QUEUES), the bound of queue_id.</summary>
    public const int TxQueueCount = 16;

    private readonly object _sync = new();
    private readonly ITeamInterface _interface;
    private readonly ILinkBackend _links;
    private readonly IDataPlane _dataPlane;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<TeamPort> _ports = [];
    private readonly Dictionary<TeamPort, IPortLease> _leases = [];
    private readonly List<TeamPort> _enabled = [];
    private readonly List<TeamOptionInstance> _options = [];
    private readonly List<TeamOptionDefinition> _modeOptions = [];
    private readonly List<TeamOptionDefinition> _perPortModeOptions = [];
    private readonly List<TeamPortChange> _pendingPorts = [];
    private readonly ITimer _timer;
    private readonly PeerNotifier _notifyPeers;
    private readonly PeerNotifier _mcastRejoin;
    private TeamMode _mode = new NoMode();
    private ulong _slotsInUse;
    private long _snapshotVersion;
    private bool _carrier;
    private bool _userCarrierEnabled;
    private bool _teamStateChanged;
    private int _mtu;
    private MacAddress _address;
    private LinkFlags _flags;
    private IReadOnlyList<MacAddress> _multicast = [];
    private uint _notifyPeersCount;
    private uint _notifyPeersInterval;
    private uint _mcastRejoinCount;
    private uint _mcastRejoinInterval;
    private long _lastFilterSync;
    private bool _disposed;

    internal TeamDevice(ITeamInterface teamInterface, ILinkBackend links, IDataPlane dataPlane, TimeProvider time, ILogger? logger)
    {
        _interface = teamInterface;
        _links = links;
        _dataPlane = dataPlane;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        RefreshTeamLink(out _);
        RegisterCoreOptions();
        // Nobody listens yet: the core options' registration is not an event.
        CollectChanges();
        _interface.SetCarrier(false);
        Publish();
        _timer = _time.CreateTimer(_ => OnTick(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        _notifyPeers = new PeerNotifier(_time, _sync, SendPeerNotification);
        _mcastRejoin = new PeerNotifier(_time, _sync, SendMulticastRejoin);
    }

    /// <summary>Raised after every change, with the changed ports and option instances.</summary>
    public event EventHandler<TeamChangeEventArgs>? Changed;

    public string Name => _interface.Name;

    public int IfIndex => _interface.IfIndex;

    public string ModeName
    {
        get
        {
            lock (_sync)
            {
                return _mode.Name;
            }
        }
    }

    public MacAddress Address
    {
        get
        {
            lock (_sync)
            {
                return _address;
            }
        }
    }

    public int Mtu
    {
        get
        {
            lock (_sync)
            {
                return _mtu;
            }
        }
    }

    /// <summary>Whether the team interface is administratively up (IFF_UP; netif_running in the kernel).</summary>
    public bool IsUp
    {
        get
        {
            lock (_sync)
            {
                return (_flags & LinkFlags.Up) != 0;
            }
        }
    }

    /// <summary>Team carrier: some port has link (its user_linkup when user_linkup_enabled).</summary>
    public bool Carrier
    {
        get
        {
            lock (_sync)
            {
                return _carrier;
            }
        }
    }

    public TeamStatistics Statistics => _dataPlane.TeamCounters.Snapshot();

    /// <summary>The port list, most recently added first (as teamnl prints it).</summary>
    public IReadOnlyList<TeamPortInfo> Ports
    {
        get
        {
            lock (_sync)
            {
                List<TeamPortInfo> list = new(_ports.Count);
                for (int i = _ports.Count - 1; i >= 0; i--)
                {
                    list.Add(_ports[i].ToInfo());
                }
                return list;
            }
        }
    }

    /// <summary>The snapshot the data plane reads now (for tests and diagnostics).</summary>
    public TeamSnapshot CurrentSnapshot { get; private set; } = TeamSnapshot.Empty;

    internal IReadOnlyList<TeamPort> PortList => _ports;

    internal ReadOnlySpan<long> HashTxBytes => _dataPlane.HashTxBytes;

    internal TeamPort? FindPort(int ifIndex) => _ports.Find(p => p.IfIndex == ifIndex);

    internal TeamPort? FindPort(string name) => _ports.Find(p => p.Name == name);

    public TeamPortInfo? GetPort(string name)
    {
        lock (_sync)
        {
            return FindPort(name)?.ToInfo();
        }
    }

    // ---- options -------------------------------------------------------------------------------------

    /// <summary>Every option instance, in the kernel's listing order (per-port first, newest first).</summary>
    public IReadOnlyList<TeamOption> ListOptions()
    {
        lock (_sync)
        {
            List<TeamOption> list = new(_options.Count);
            foreach (TeamOptionInstance inst in _options)
            {
                list.Add(inst.ToView());
            }
            return list;
        }
    }

    /// <summary>Reads one option instance; throws <see cref="TeamException"/> (ENOENT) when it does not exist.</summary>
    public OptionValue GetOption(string name, string? portName = null, int? arrayIndex = null)
    {
        lock (_sync)
        {
            return FindOptionInstance(name, portName, arrayIndex).Read();
        }
    }

    /// <summary>The type of an option, for parsing text values; throws ENOENT for an unknown name.</summary>
    public TeamOptionType GetOptionType(string name)
    {
        lock (_sync)
        {
            TeamOptionInstance? inst = _options.Find(o => o.Definition.Name == name);
            return inst?.Definition.Type ?? throw new TeamException(Errno.ENOENT, $"No option named \"{name}\".");
        }
    }

    /// <summary>Sets an option from teamnl's text form (true/false, integers, strings, \xx binary).</summary>
    public void SetOption(string name, string text, string? portName = null, int? arrayIndex = null)
    {
        TeamOptionType type = GetOptionType(name);
        if (!OptionValue.TryParse(type, text, out OptionValue value, out string? error))
        {
            throw new TeamException(Errno.EINVAL, $"Option \"{name}\": {error}.");
        }
        SetOption(name, value, portName, arrayIndex);
    }

    /// <summary>
    /// Sets one option instance (team_nl_options_set_doit): the name, type, port and array index must match
    /// an instance (ENOENT otherwise); the setter may refuse with its own errno. Nothing changes on refusal.
    /// </summary>
    public void SetOption(string name, OptionValue value, string? portName = null, int? arrayIndex = null) =>
        TrySetOption(name, value, portName, arrayIndex).ThrowIfFailed();

    /// <inheritdoc/>
    public TeamResult TrySetOption(string name, OptionValue value, string? portName = null, int? arrayIndex = null)
    {
        TeamChangeEventArgs? change;
        TeamResult result;
        lock (_sync)
        {
            ThrowIfDisposed();
            result = SetOptionLocked(name, value, portName, arrayIndex);
            change = CollectChanges();
        }
        Raise(change);
        return result;
    }

    private TeamResult SetOptionLocked(string name, OptionValue value, string? portName, int? arrayIndex)
    {
        TeamResult found = FindOptionInstance(name, portName, arrayIndex, out TeamOptionInstance? inst);
        if (inst is null)
        {
            return found;
        }
        if (inst.Definition.Type != value.Type)
        {
            return TeamResult.Fail(Errno.EINVAL, $"Option \"{name}\" is {inst.Definition.Type}, not {value.Type}.");
        }
        if (inst.Definition.Set is null)
        {
            return TeamResult.Fail(Errno.EOPNOTSUPP, $"Option \"{name}\" is read-only.");
        }
        if (value.Type == TeamOptionType.String && System.Text.Encoding.UTF8.GetByteCount(value.AsString) >= 32)
        {
            // TEAM_STRING_MAX_LEN 32 (include/uapi/linux/if_team.h); -EINVAL on longer strings.
            return TeamResult.Fail(Errno.EINVAL, $"Option \"{name}\": string \"{value.AsString}\" is longer than 31 bytes.");
        }
        OptionValue before = inst.Read();
        TeamResult result = inst.Definition.Set(new OptionContext(inst.Port, inst.ArrayIndex), value);
        if (!result.IsSuccess)
        {
            return result with { Message = result.Message ?? $"Option \"{name}\" refused the value {value}." };
        }
        // Every successful set is reported (team_nl_options_set_doit marks the instance changed).
        inst.Changed = true;
        if (before != value || name == "mode")
        {
            Publish();
        }
        return TeamResult.Ok;
    }

    private TeamOptionInstance FindOptionInstance(string name, string? portName, int? arrayIndex)
    {
        FindOptionInstance(name, portName, arrayIndex, out TeamOptionInstance? inst).ThrowIfFailed();
        return inst!;
    }

    private TeamResult FindOptionInstance(string name, string? portName, int? arrayIndex, out TeamOptionInstance? found)
    {
        found = null;
        TeamPort? port = null;
        if (portName is not null)
        {
            port = FindPort(portName);
            if (port is null)
            {
                return TeamResult.Fail(Errno.ENODEV, $"\"{portName}\" is not a port of {Name}.");
            }
        }
        foreach (TeamOptionInstance inst in _options)
        {
            if (inst.Removed || inst.Definition.Name != name || inst.Port != port)
            {
                continue;
            }
            bool isArray = inst.Definition.ArraySize > 0;
            if (isArray != arrayIndex.HasValue || (isArray && inst.ArrayIndex != arrayIndex!.Value))
            {
                continue;
            }
            found = inst;
            return TeamResult.Ok;
        }
        string where = (portName is null ? string.Empty : $" on port {portName}") + (arrayIndex is null ? string.Empty : $" at array index {arrayIndex}");
        return TeamResult.Fail(Errno.ENOENT, $"No option \"{name}\"{where}.");
    }

    internal void MarkOptionChanged(string name, TeamPort? port = null, int arrayIndex = 0)
    {
        foreach (TeamOptionInstance inst in _options)
        {
            if (inst.Definition.Name == name && inst.Port == port && inst.ArrayIndex == arrayIndex && !inst.Removed)
            {
                inst.Changed = true;
            }
        }
    }

    private void RegisterOptions(IEnumerable<TeamOptionDefinition> definitions, TeamPort? port)
    {
        foreach (TeamOptionDefinition def in definitions)
        {
            if (def.PerPort && port is null)
            {
                // Per-port mode options are instantiated for each present and future port.
                _perPortModeOptions.Add(def);
                foreach (TeamPort p in _ports)
                {
                    AddInstances(def, p);
                }
                continue;
            }
            AddInstances(def, port);
        }
    }

    private void AddInstances(TeamOptionDefinition def, TeamPort? port)
    {
        // The kernel lists the newest registration first; array elements end up 255 -> 0.
        int count = Math.Max(1, def.ArraySize);
        for (int i = 0; i < count; i++)
        {
            _options.Insert(0, new TeamOptionInstance(def, port, i) { Changed = true });
        }
    }

    private void RemoveInstances(Func<TeamOptionInstance, bool> predicate)
    {
        foreach (TeamOptionInstance inst in _options)
        {
            if (predicate(inst))
            {
                inst.Remove();
            }
        }
    }

    private void RegisterCoreOptions()
    {
        RegisterOptions(
        [
            new TeamOptionDefinition("mode", TeamOptionType.String, _ => OptionValue.FromString(_mode.Name), (_, v) => ChangeMode(v.AsString)),
            new TeamOptionDefinition("notify_peers_count", TeamOptionType.U32, _ => OptionValue.FromU32(_notifyPeersCount), (_, v) => Store(ref _notifyPeersCount, v)),
            new TeamOptionDefinition("notify_peers_interval", TeamOptionType.U32, _ => OptionValue.FromU32(_notifyPeersInterval), (_, v) => Store(ref _notifyPeersInterval, v)),
            new TeamOptionDefinition("mcast_rejoin_count", TeamOptionType.U32, _ => OptionValue.FromU32(_mcastRejoinCount), (_, v) => Store(ref _mcastRejoinCount, v)),
            new TeamOptionDefinition("mcast_rejoin_interval", TeamOptionType.U32, _ => OptionValue.FromU32(_mcastRejoinInterval), (_, v) => Store(ref _mcastRejoinInterval, v)),
        ],
        null);
    }

    private static TeamResult Store(ref uint field, OptionValue value)
    {
        field = value.AsU32;
        return TeamResult.Ok;
    }

    private static IEnumerable<TeamOptionDefinition> PortOptions(TeamDevice team) =>
    [
        new TeamOptionDefinition("enabled", TeamOptionType.Bool, c => OptionValue.FromBool(c.Port!.Enabled), (c, v) => team.SetPortEnabled(c.Port!, v.AsBool), perPort: true),
        new TeamOptionDefinition("user_linkup", TeamOptionType.Bool, c => OptionValue.FromBool(c.Port!.UserLinkup), (c, v) => team.SetUserLinkup(c.Port!, v.AsBool, null), perPort: true),
        new TeamOptionDefinition("user_linkup_enabled", TeamOptionType.Bool, c => OptionValue.FromBool(c.Port!.UserLinkupEnabled), (c, v) => team.SetUserLinkup(c.Port!, null, v.AsBool), perPort: true),
        new TeamOptionDefinition("priority", TeamOptionType.S32, c => OptionValue.FromS32(c.Port!.Priority), (c, v) =>
        {
            c.Port!.Priority = v.AsS32;
            return TeamResult.Ok;
        }, perPort: true),
        new TeamOptionDefinition("queue_id", TeamOptionType.U32, c => OptionValue.FromU32(c.Port!.QueueId), (c, v) =>
        {
            // team_queue_id_option_set: must be below real_num_tx_queues, else -EINVAL.
            if (v.AsU32 >= TxQueueCount)
            {
                return TeamResult.Fail(Errno.EINVAL, $"queue_id {v.AsU32} is out of range (0..{TxQueueCount - 1})");
            }
            c.Port!.QueueId = v.AsU32;
            return TeamResult.Ok;
        }, perPort: true),
    ];

    private TeamResult ChangeMode(string name)
    {
        // team_change_mode: -EBUSY with ports present, -EINVAL for the current mode or an unknown one.
        if (_ports.Count > 0)
        {
            return TeamResult.Fail(Errno.EBUSY, "No ports can be present during mode change");
        }
        if (name == _mode.Name)
        {
            return TeamResult.Fail(Errno.EINVAL, $"Mode \"{name}\" is already set");
        }
        TeamMode? mode = TeamMode.Create(name);
        if (mode is null)
        {
            return TeamResult.Fail(Errno.EINVAL, $"Unknown mode \"{name}\" (expected one of {string.Join(", ", TeamMode.Names)})");
        }
        _mode.Exit(this);
        HashSet<TeamOptionDefinition> old = [.. _modeOptions];
        RemoveInstances(i => old.Contains(i.Definition));
        _modeOptions.Clear();
        _perPortModeOptions.Clear();
        _mode = mode;
        List<TeamOptionDefinition> defs = [.. mode.CreateOptions(this)];
        _modeOptions.AddRange(defs);
        RegisterOptions(defs, null);
        Log.ModeChanged(_logger, Name, name);
        return TeamResult.Ok;
    }

    // ---- ports ---------------------------------------------------------------------------------------

    /// <summary>
    /// Adds a port (team_port_add). Refuses an unknown name (ENODEV), loopback, non-Ethernet devices and
    /// the team itself (EINVAL), and a port already in a team, here or in another process (EBUSY). On
    /// success the port's settings are saved, its MTU set to the team's, its MAC per the mode, ARP and IPv6
    /// turned off, brought up and enabled. On any failure the port is left exactly as it was.
    /// </summary>
    public void AddPort(string name)
    {
        TeamChangeEventArgs? change;
        lock (_sync)
        {
            ThrowIfDisposed();
            AddPortLocked(name);
            change = CollectChanges();
        }
        Raise(change);
    }

    private void AddPortLocked(string name)
    {
        Errno err = _links.GetLink(name, out LinkInfo? link);
        if (!err.IsSuccess || link is null)
        {
            throw Refuse(name, Errno.ENODEV, $"No such device \"{name}\".");
        }
        if (link.Index == IfIndex)
        {
            throw Refuse(name, Errno.EINVAL, $"Cannot add {name} to itself.");
        }
        if (link.Type == LinkType.Loopback || (link.Flags & LinkFlags.Loopback) != 0)
        {
            throw Refuse(name, Errno.EINVAL, $"Device {name} is loopback device. Loopback devices can't be added as a team port.");
        }
        if (link.Type != LinkType.Ether)
        {
            throw Refuse(name, Errno.EINVAL, $"Device {name} is not an Ethernet device (type {(ushort)link.Type}).");
        }
        if (FindPort(link.Index) is not null)
        {
            throw Refuse(name, Errno.EBUSY, $"Device {name} is already a port of {Name}.");
        }
        if (link.MasterIndex != 0)
        {
            throw Refuse(name, Errno.EBUSY, $"Device {name} already has a master device (ifindex {link.MasterIndex}).");
        }
        int slot = FreeSlot();
        if (slot < 0)
        {
            throw Refuse(name, Errno.EBUSY, $"{Name} already has {TeamSnapshot.MaxPorts} ports.");
        }
        err = _links.LockPort(link, Name, out IPortLease? lease, out string? holder);
        if (!err.IsSuccess || lease is null)
        {
            throw Refuse(name, Errno.EBUSY, $"Device {name} is already a port of {holder ?? "another team"}.");
        }

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
        TeamPort port = new(link.Name, link.Index, slot, saved, link.PermanentAddress ?? link.Address)
        {
            Address = link.Address,
            Mtu = link.Mtu,
        };

        bool attached = false;
        try
        {
            // Changes to MTU and MAC are made while the port is down, as the kernel requires of ports.
            Check(_links.SetUp(port.IfIndex, false), port, "bring the port down");
            if (link.Mtu != _mtu)
            {
                Check(_links.SetMtu(port.IfIndex, _mtu), port, $"set MTU {_mtu}");
                port.Mtu = _mtu;
            }
            if (_mode.PortsTakeTeamAddress && port.Address != _address)
            {
                Check(_links.SetAddress(port.IfIndex, _address), port, $"set address {_address}");
                port.Address = _address;
            }
            // The port's own stack must stay silent: no ARP answers with the port's MAC, no IPv6 (design.md).
            Check(_links.SetFlags(port.IfIndex, LinkFlags.NoArp, LinkFlags.NoArp), port, "turn ARP off");
            if (saved.Ipv6Disabled == false)
            {
                Check(_links.SetIpv6Disabled(port.Name, true), port, "disable IPv6");
            }
            // IPv4 has no per-device off switch, and the weak host model would accept a frame for the team's
            // address on the port too (a duplicate). Strict reverse-path filtering drops every IPv4 packet on
            // the port, which has no addresses or routes of its own.
            if (saved.RpFilter is int rp && rp != 1)
            {
                Check(_links.SetRpFilter(port.Name, 1), port, "set rp_filter");
            }
            Check(_links.SetUp(port.IfIndex, true), port, "bring the port up");
            Check(_dataPlane.AttachPort(port), port, "open the port's packet socket");
            attached = true;
            Check(_dataPlane.SetPortFilters(port, WantsPromisc(port), (_flags & LinkFlags.AllMulticast) != 0, _multicast), port, "apply the team's receive filters");
            port.Link = _links.GetLink(port.IfIndex, out LinkInfo? now).IsSuccess && now is not null ? _links.GetPortLink(now) : default;
        }
        catch
        {
            if (attached)
            {
                _dataPlane.DetachPort(port);
            }
            Restore(port);
            lease.Dispose();
            throw;
        }

        _ports.Add(port);
        _leases[port] = lease;
        _slotsInUse |= 1UL << slot;
        RegisterOptions(PortOptions(this), port);
        foreach (TeamOptionDefinition def in _perPortModeOptions)
        {
            AddInstances(def, port);
        }
        _mode.PortEnter(this, port);
        _pendingPorts.Add(new TeamPortChange(port.ToInfo(), true, false));
        // team_port_add step 9: the port is enabled on add.
        EnablePort(port);
        RefreshCarrier();
        Publish();
        Log.PortAdded(_logger, Name, port.Name);
    }

    private void Check(Errno error, TeamPort port, string what)
    {
        if (!error.IsSuccess)
        {
            throw Refuse(port.Name, error, $"Could not {what} on {port.Name}: {error.Message}.");
        }
    }

    private TeamException Refuse(string port, Errno error, string message)
    {
        Log.PortRefused(_logger, Name, port, message);
        return new TeamException(error, message);
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

    /// <summary>Removes a port (team_port_del) and restores every saved setting; ENODEV if it is not a port.</summary>
    public void RemovePort(string name)
    {
        TeamChangeEventArgs? change;
        lock (_sync)
        {
            ThrowIfDisposed();
            TeamPort port = FindPort(name) ?? throw new TeamException(Errno.ENODEV, $"\"{name}\" is not a port of {Name}.");
            RemovePortLocked(port, restore: true);
            change = CollectChanges();
        }
        Raise(change);
    }

    private void RemovePortLocked(TeamPort port, bool restore)
    {
        DisablePort(port);
        _mode.PortLeave(this, port);
        Publish();
        _dataPlane.DetachPort(port);
        _ports.Remove(port);
        _slotsInUse &= ~(1UL << port.Slot);
        RemoveInstances(i => i.Port == port);
        if (restore)
        {
            Restore(port);
        }
        if (_leases.Remove(port, out IPortLease? lease))
        {
            lease.Dispose();
        }
        _pendingPorts.Add(new TeamPortChange(port.ToInfo(), false, true));
        RefreshCarrier();
        Publish();
        Log.PortRemoved(_logger, Name, port.Name);
    }

    /// <summary>Puts every saved setting back; each step is tried even if an earlier one fails.</summary>
    private void Restore(TeamPort port)
    {
        PortSavedSettings s = port.Saved;
        Try(_links.SetUp(port.IfIndex, false), port, "admin state");
        Try(_links.SetMtu(port.IfIndex, s.Mtu), port, "MTU");
        Try(_links.SetAddress(port.IfIndex, s.Address), port, "MAC address");
        LinkFlags flags = (s.NoArp ? LinkFlags.NoArp : 0) | (s.Promiscuous ? LinkFlags.Promiscuous : 0) | (s.AllMulticast ? LinkFlags.AllMulticast : 0);
        Try(_links.SetFlags(port.IfIndex, flags, LinkFlags.NoArp | LinkFlags.Promiscuous | LinkFlags.AllMulticast), port, "ARP/promisc/allmulti flags");
        if (s.Ipv6Disabled is bool v6)
        {
            Try(_links.SetIpv6Disabled(port.Name, v6), port, "IPv6");
        }
        if (s.RpFilter is int rp)
        {
            Try(_links.SetRpFilter(port.Name, rp), port, "rp_filter");
        }
        if (s.AdminUp)
        {
            Try(_links.SetUp(port.IfIndex, true), port, "admin state");
        }

        void Try(Errno e, TeamPort p, string setting)
        {
            if (!e.IsSuccess && e != Errno.ENODEV)
            {
                Log.RestoreFailed(_logger, Name, p.Name, setting, e.Message);
            }
        }
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
        if (port.Enabled)
        {
            return;
        }
        port.Enabled = true;
        port.EnabledIndex = _enabled.Count;
        _enabled.Add(port);
        MarkOptionChanged("enabled", port);
        // team_port_enable: every enabled port makes the team tell its peers (team_notify_peers, team_mcast_rejoin).
        TriggerPeerNotifications();
    }

    /// <summary>Also called by activebackup when the active port changes: frames now leave by another port.</summary>
    internal void TriggerPeerNotifications()
    {
        // Only a running team notifies (netif_running in team_notify_peers).
        if ((_flags & LinkFlags.Up) == 0)
        {
            return;
        }
        _notifyPeers.Trigger(_notifyPeersCount, _notifyPeersInterval);
        _mcastRejoin.Trigger(_mcastRejoinCount, _mcastRejoinInterval);
    }

    /// <summary>
    /// NETDEV_NOTIFY_PEERS as the stack answers it for the team: a gratuitous ARP per IPv4 address
    /// (net/ipv4/devinet.c) and an unsolicited neighbor advertisement per IPv6 address (net/ipv6/ndisc.c
    /// ndisc_send_unsol_na), from the team's MAC, out through the mode.
    /// </summary>
    private void SendPeerNotification()
    {
        foreach (IPAddress address in _links.GetAddresses(IfIndex))
        {
            byte[] frame = address.AddressFamily == AddressFamily.InterNetwork
                ? ArpPacket.Gratuitous(_address, address).ToFrame(EthernetHeader.Broadcast)
                : NeighborDiscovery.BuildUnsolicitedAdvertisement(_address, address);
            Errno err = _interface.Transmit(frame);
            if (!err.IsSuccess)
            {
                Log.OperationFailed(_logger, Name, $"peer notification for {address}", err.Message);
            }
        }
    }

    /// <summary>
    /// NETDEV_RESEND_IGMP for the team: one IGMPv3 and one MLDv2 report listing the groups the team's stack
    /// has joined (ip_mc_rejoin_groups, mld_send_report), except all-hosts / all-nodes, which are never reported.
    /// </summary>
    private void SendMulticastRejoin()
    {
        IReadOnlyList<IPAddress> groups = _links.GetMulticastGroups(IfIndex);
        IReadOnlyList<IPAddress> addresses = _links.GetAddresses(IfIndex);
        List<IPAddress> v4 = [.. groups.Where(g => g.AddressFamily == AddressFamily.InterNetwork && !g.Equals(AllHosts))];
        List<IPAddress> v6 = [.. groups.Where(g => g.AddressFamily == AddressFamily.InterNetworkV6 && !g.Equals(AllNodes) && (g.GetAddressBytes()[1] & 0x0f) >= 2)];
        IPAddress source4 = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Any;
        IPAddress source6 = addresses.FirstOrDefault(a => a.IsIPv6LinkLocal) ?? IPAddress.IPv6Any;
        // One report per frame-full of records (8 bytes each in IGMPv3, 20 in MLDv2).
        foreach (IPAddress[] chunk in v4.Chunk(160))
        {
            _interface.Transmit(MulticastReport.BuildIgmpv3(_address, source4, chunk));
        }
        foreach (IPAddress[] chunk in v6.Chunk(64))
        {
            _interface.Transmit(MulticastReport.BuildMldv2(_address, source6, chunk));
        }
    }

    private static readonly IPAddress AllHosts = IPAddress.Parse("224.0.0.1");

    private static readonly IPAddress AllNodes = IPAddress.Parse("ff02::1");

    /// <summary>The team interface's IPv4 and IPv6 addresses.</summary>
    public IReadOnlyList<IPAddress> GetAddresses() => _links.GetAddresses(IfIndex);

    private void DisablePort(TeamPort port)
    {
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
        MarkOptionChanged("enabled", port);
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
            _pendingPorts.Add(new TeamPortChange(port.ToInfo(), true, false));
        }
        RefreshCarrier();
        return TeamResult.Ok;
    }

    private void RefreshCarrier()
    {
        // __team_carrier_check: carrier = OR of port->linkup, unless userspace has taken carrier over.
        if (_userCarrierEnabled)
        {
            return;
        }
        ApplyCarrier(_ports.Exists(p => p.Linkup));
    }

    private void ApplyCarrier(bool carrier)
    {
        if (carrier != _carrier)
        {
            _carrier = carrier;
            _interface.SetCarrier(carrier);
            Log.CarrierChanged(_logger, Name, carrier ? "up" : "down");
        }
    }

    /// <summary>
    /// Sets the team carrier from userspace (team_change_carrier, teamd's team_carrier_set, used by the lacp
    /// runner for min_ports). As in the kernel, the first call latches user carrier: from then on the
    /// device stops deriving carrier from the ports' linkup.
    /// </summary>
    public void SetCarrier(bool carrier)
    {
        lock (_sync)
        {
            ThrowIfDisposed();
            _userCarrierEnabled = true;
            ApplyCarrier(carrier);
        }
    }

    private int _updateDepth;
    private bool _publishPending;

    /// <inheritdoc/>
    public TeamUpdateScope BeginUpdate()
    {
        lock (_sync)
        {
            _updateDepth++;
        }
        return new TeamUpdateScope(EndUpdate);
    }

    private void EndUpdate()
    {
        lock (_sync)
        {
            if (--_updateDepth == 0 && _publishPending && !_disposed)
            {
                Publish();
            }
        }
    }

    private void Publish()
    {
        if (_updateDepth > 0)
        {
            _publishPending = true;
            return;
        }
        _publishPending = false;
        int[] enabled = new int[_enabled.Count];
        ulong enabledMask = 0;
        ulong txable = 0;
        for (int i = 0; i < _enabled.Count; i++)
        {
            TeamPort p = _enabled[i];
            enabled[i] = p.Slot;
            enabledMask |= 1UL << p.Slot;
            if (p.Txable)
            {
                txable |= 1UL << p.Slot;
            }
        }
        TeamSnapshot snapshot = new(
            _mode.Kind,
            enabled,
            enabledMask,
            txable,
            _mode.ActiveSlot,
            _mode.TxMethod,
            _mode.Fragments,
            _mode.HashToSlot,
            ++_snapshotVersion);
        CurrentSnapshot = snapshot;
        _dataPlane.Publish(snapshot);
    }

    // ---- team interface and link events ------------------------------------------------------------

    /// <summary>Sets the team MTU and propagates it to every port, rolling back if one refuses (team_change_mtu).</summary>
    public void SetMtu(int mtu)
    {
        TeamChangeEventArgs? change;
        lock (_sync)
        {
            ThrowIfDisposed();
            int old = _mtu;
            Errno err = PropagateMtu(mtu, old);
            if (!err.IsSuccess)
            {
                throw new TeamException(err, $"MTU {mtu} was refused by a port ({err.Message}); nothing changed.");
            }
            err = _links.SetMtu(IfIndex, mtu);
            if (!err.IsSuccess)
            {
                PropagateMtu(old, mtu);
                throw new TeamException(err, $"MTU {mtu} was refused by {Name} ({err.Message}); nothing changed.");
            }
            _mtu = mtu;
            change = CollectChanges();
        }
        Raise(change);
    }

    /// <summary>Sets the team MAC; ports that carry the team address follow, with rollback on refusal.</summary>
    public void SetAddress(MacAddress address) => TrySetAddress(address).ThrowIfFailed();

    /// <inheritdoc/>
    public TeamResult TrySetAddress(MacAddress address)
    {
        TeamChangeEventArgs? change;
        TeamResult result = TeamResult.Ok;
        lock (_sync)
        {
            ThrowIfDisposed();
            MacAddress old = _address;
            Errno err = PropagateAddress(address, old);
            if (!err.IsSuccess)
            {
                result = TeamResult.Fail(err, $"Address {address} was refused by a port ({err.Message}); nothing changed.");
            }
            else if (!(err = _links.SetAddress(IfIndex, address)).IsSuccess)
            {
                PropagateAddress(old, address);
                result = TeamResult.Fail(err, $"Address {address} was refused by {Name} ({err.Message}); nothing changed.");
            }
            else
            {
                _address = address;
            }
            change = CollectChanges();
        }
        Raise(change);
        return result;
    }

    private Errno PropagateMtu(int mtu, int rollbackTo)
    {
        List<TeamPort> done = [];
        foreach (TeamPort port in _ports)
        {
            Errno err = port.Mtu == mtu ? Errno.Success : _links.SetMtu(port.IfIndex, mtu);
            if (!err.IsSuccess)
            {
                Log.TeamChangeRolledBack(_logger, Name, "MTU", mtu.ToString(System.Globalization.CultureInfo.InvariantCulture), port.Name, err.Message);
                foreach (TeamPort d in done)
                {
                    _links.SetMtu(d.IfIndex, rollbackTo);
                    d.Mtu = rollbackTo;
                }
                return err;
            }
            port.Mtu = mtu;
            done.Add(port);
        }
        return Errno.Success;
    }

    private Errno PropagateAddress(MacAddress address, MacAddress rollbackTo)
    {
        if (!_mode.PortsTakeTeamAddress)
        {
            return Errno.Success;
        }
        List<TeamPort> done = [];
        foreach (TeamPort port in _ports)
        {
            Errno err = port.Address == address ? Errno.Success : SetPortAddress(port, address);
            if (!err.IsSuccess)
            {
                Log.TeamChangeRolledBack(_logger, Name, "address", address.ToString(), port.Name, err.Message);
                foreach (TeamPort d in done)
                {
                    SetPortAddress(d, rollbackTo);
                }
                return err;
            }
            done.Add(port);
        }
        return Errno.Success;
    }

    /// <summary>Sets a port's MAC (for runners that own port MACs, such as activebackup's hwaddr policy).</summary>
    public void SetPortAddress(string portName, MacAddress address) => TrySetPortAddress(portName, address).ThrowIfFailed();

    /// <inheritdoc/>
    public TeamResult TrySetPortAddress(string portName, MacAddress address)
    {
        TeamChangeEventArgs? change;
        TeamResult result = TeamResult.Ok;
        lock (_sync)
        {
            TeamPort? port = FindPort(portName);
            if (port is null)
            {
                return TeamResult.Fail(Errno.ENODEV, $"\"{portName}\" is not a port of {Name}.");
            }
            Errno err = SetPortAddress(port, address);
            if (!err.IsSuccess)
            {
                result = TeamResult.Fail(err, $"Could not set address {address} on {portName}: {err.Message}.");
            }
            change = CollectChanges();
        }
        Raise(change);
        return result;
    }

    /// <summary>Puts a port's own (saved) MAC back while it stays in the team (hwaddr_policy only_active).</summary>
    public void RestorePortAddress(string portName) => TryRestorePortAddress(portName).ThrowIfFailed();

    /// <inheritdoc/>
    public TeamResult TryRestorePortAddress(string portName)
    {
        MacAddress saved;
        lock (_sync)
        {
            TeamPort? port = FindPort(portName);
            if (port is null)
            {
                return TeamResult.Fail(Errno.ENODEV, $"\"{portName}\" is not a port of {Name}.");
            }
            saved = port.Saved.Address;
        }
        return TrySetPortAddress(portName, saved);
    }

    private Errno SetPortAddress(TeamPort port, MacAddress address)
    {
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
            _dataPlane.SetPortFilters(port, WantsPromisc(port), (_flags & LinkFlags.AllMulticast) != 0, _multicast);
        }
        return err;
    }

    /// <summary>A port whose MAC differs from the team's must be promiscuous to see the team's unicast frames.</summary>
    private bool WantsPromisc(TeamPort port) => (_flags & LinkFlags.Promiscuous) != 0 || port.Address != _address;

    /// <summary>
    /// The data plane saw a port's carrier change while sending on it: handled as a link event, with the
    /// link read now over rtnetlink (IFLA_CARRIER is the driver's carrier; only the event is late).
    /// </summary>
    internal void OnCarrierSampled(int slot)
    {
        TeamPort? port;
        lock (_sync)
        {
            port = _disposed ? null : _ports.Find(p => p.Slot == slot);
        }
        if (port is not null && _links.GetLink(port.IfIndex, out LinkInfo? link).IsSuccess && link is not null)
        {
            OnLinkEvent(new LinkEvent(LinkEventKind.NewLink, link));
        }
    }

    /// <summary>Handles an rtnetlink link event (from the link monitor).</summary>
    internal void OnLinkEvent(LinkEvent e)
    {
        TeamChangeEventArgs? change;
        lock (_sync)
        {
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
                OnPortLinkChanged(port, e);
            }
            change = CollectChanges();
        }
        Raise(change);
    }

    private void OnTeamLinkChanged(LinkInfo link)
    {
        if (link.Mtu != _mtu)
        {
            // The user changed the team's MTU: propagate, and put it back if a port refuses.
            int old = _mtu;
            if (PropagateMtu(link.Mtu, old).IsSuccess)
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
            MacAddress old = _address;
            if (PropagateAddress(link.Address, old).IsSuccess)
            {
                _address = link.Address;
                foreach (TeamPort p in _ports)
                {
                    _dataPlane.SetPortFilters(p, WantsPromisc(p), (_flags & LinkFlags.AllMulticast) != 0, _multicast);
                }
            }
            else
            {
                _links.SetAddress(IfIndex, old);
            }
        }
        if (((link.Flags ^ _flags) & LinkFlags.Up) != 0)
        {
            _teamStateChanged = true;
        }
        LinkFlags filterFlags = link.Flags & (LinkFlags.Promiscuous | LinkFlags.AllMulticast);
        if (filterFlags != (_flags & (LinkFlags.Promiscuous | LinkFlags.AllMulticast)))
        {
            _flags = link.Flags;
            SyncFilters(force: true);
        }
        _flags = link.Flags;
    }

    private void OnPortLinkChanged(TeamPort port, LinkEvent e)
    {
        if (e.Kind == LinkEventKind.DeleteLink)
        {
            // NETDEV_UNREGISTER removes the port; there is nothing left to restore.
            Log.PortVanished(_logger, Name, port.Name);
            RemovePortLocked(port, restore: false);
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
            if (wasUp != link.Up)
            {
                Log.PortLinkChanged(_logger, Name, port.Name, link.Up ? "up" : "down");
            }
            _pendingPorts.Add(new TeamPortChange(port.ToInfo(), true, false));
            RefreshCarrier();
            Publish();
        }
    }

    private void RefreshTeamLink(out LinkInfo? link)
    {
        Errno err = _links.GetLink(IfIndex, out link);
        if (!err.IsSuccess || link is null)
        {
            throw new TeamException(err, $"Cannot read the team interface {Name}: {err.Message}.");
        }
        _mtu = link.Mtu;
        _address = link.Address;
        _flags = link.Flags;
    }

    private void SyncFilters(bool force)
    {
        IReadOnlyList<MacAddress> multicast = _links.GetMulticastAddresses(IfIndex);
        if (!force && multicast.SequenceEqual(_multicast))
        {
            return;
        }
        _multicast = multicast;
        foreach (TeamPort port in _ports)
        {
            _dataPlane.SetPortFilters(port, WantsPromisc(port), (_flags & LinkFlags.AllMulticast) != 0, _multicast);
        }
    }

    private void OnTick()
    {
        TeamChangeEventArgs? change;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }
            TimeSpan now = _time.GetElapsedTime(0);
            _mode.Tick(this, now);
            // The multicast list of a netdev changes without a link event: look once a second.
            long ticks = _time.GetTimestamp();
            if (_time.GetElapsedTime(_lastFilterSync, ticks) >= TimeSpan.FromSeconds(1))
            {
                _lastFilterSync = ticks;
                SyncFilters(force: false);
            }
            change = CollectChanges();
        }
        Raise(change);
    }

    // ---- events --------------------------------------------------------------------------------------

    private TeamChangeEventArgs? CollectChanges()
    {
        List<TeamOption> options = [];
        for (int i = _options.Count - 1; i >= 0; i--)
        {
            TeamOptionInstance inst = _options[i];
            if (inst.Removed)
            {
                options.Add(inst.ToView());
                _options.RemoveAt(i);
            }
            else if (inst.Changed)
            {
                options.Add(inst.ToView());
                inst.Changed = false;
            }
        }
        options.Reverse();
        if (options.Count == 0 && _pendingPorts.Count == 0 && !_teamStateChanged)
        {
            return null;
        }
        TeamChangeEventArgs args = new([.. _pendingPorts], options, _teamStateChanged);
        _pendingPorts.Clear();
        _teamStateChanged = false;
        return args;
    }

    private void Raise(TeamChangeEventArgs? change)
    {
        if (change is not null)
        {
            Changed?.Invoke(this, change);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>
    /// Stops without touching the ports or the team interface (teamd's -N): the data plane stops, a
    /// persistent TAP stays, and each port's lock file keeps its saved settings, so a later daemon that
    /// takes the team over (-o) or recreates it (-r) restores the ports on its own exit.
    /// </summary>
    public void Detach()
    {
        _monitor?.Dispose();
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }
            _timer.Dispose();
            _notifyPeers.Dispose();
            _mcastRejoin.Dispose();
            foreach (IPortLease lease in _leases.Values)
            {
                lease.Abandon();
            }
            _leases.Clear();
            _disposed = true;
            DisposeLinux();
            _dataPlane.Dispose();
            _interface.Dispose();
            _links.Dispose();
        }
    }

    /// <summary>Removes every port, restoring its settings, and closes the team interface.</summary>
    public void Dispose()
    {
        // The link monitor's thread takes the lock for each event: stop it before taking the lock here.
        _monitor?.Dispose();
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }
            _timer.Dispose();
            _notifyPeers.Dispose();
            _mcastRejoin.Dispose();
            for (int i = _ports.Count - 1; i >= 0; i--)
            {
                try
                {
                    RemovePortLocked(_ports[i], restore: true);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Log.OperationFailed(_logger, Name, $"removing port {_ports[i].Name}", ex.Message);
                }
            }
            _disposed = true;
            DisposeLinux();
            _dataPlane.Dispose();
            _interface.Dispose();
            _links.Dispose();
        }
    }
}
