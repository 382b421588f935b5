using NetTeam.Device.Backends;
using NetTeam.Interop;

namespace NetTeam.Device.Ports;

/// <summary>
/// A port of the team: the netdev, its per-port option values (Linux include/linux/if_team.h struct
/// team_port) and its link state. Touched only on the team's control thread; the data plane sees ports only
/// through published snapshots and their slot, and keeps their counters itself.
/// </summary>
internal sealed class TeamPort
{
    public TeamPort(string name, int ifIndex, int slot, PortSavedSettings saved, MacAddress permanentAddress)
    {
        Name = name;
        IfIndex = ifIndex;
        Slot = slot;
        Saved = saved;
        PermanentAddress = permanentAddress;
    }

    public string Name { get; set; }

    public int IfIndex { get; }

    /// <summary>The data plane's index for this port (0..63), stable while the port is in the team.</summary>
    public int Slot { get; }

    public PortSavedSettings Saved { get; }

    public MacAddress PermanentAddress { get; }

    public MacAddress Address { get; set; }

    public int Mtu { get; set; }

    public bool Enabled { get; set; }

    public bool UserLinkup { get; set; }

    public bool UserLinkupEnabled { get; set; }

    public int Priority { get; set; }

    public uint QueueId { get; set; }

    /// <summary>The port's own carrier, speed and duplex (the kernel's port->state).</summary>
    public PortLink Link { get; set; }

    /// <summary>When the event that last changed <see cref="Link"/> arrived (the team's TimeProvider timestamp; 0 for none yet).</summary>
    public long LinkEventTimestamp { get; set; }

    /// <summary>The team's view of the link: user_linkup when user_linkup_enabled, else carrier (team_refresh_port_linkup).</summary>
    public bool Linkup => UserLinkupEnabled ? UserLinkup : Link.Up;

    /// <summary>Txable as the kernel defines it: enabled and linkup (team_port_txable).</summary>
    public bool Txable => Enabled && Linkup;

    /// <summary>The position of the port in the enabled-port list, -1 when disabled (port->index).</summary>
    public int EnabledIndex { get; set; } = -1;

    /// <summary>The team's promisc/allmulti/multicast state held on the port.</summary>
    public IPortReceiveFilter? Filter { get; set; }

    public TeamPortInfo ToInfo(TeamStatistics statistics) => new(Name, IfIndex, Link, Enabled, Linkup, Address, statistics, PermanentAddress, LinkEventTimestamp);
}
