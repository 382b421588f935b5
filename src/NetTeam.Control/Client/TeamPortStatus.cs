namespace NetTeam.Control.Client;

/// <summary>A port as teamnl lists it (team netlink PORT_LIST): ifindex, name, link, speed, duplex, flags.</summary>
public sealed record TeamPortStatus(int IfIndex, string Name, bool LinkUp, int SpeedMbps, bool FullDuplex, bool Changed, bool Removed);
