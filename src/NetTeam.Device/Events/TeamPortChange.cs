using NetTeam.Device.Ports;

namespace NetTeam.Device.Events;

/// <summary>One port in a port-list change event (team netlink PORT_LIST with CHANGED / REMOVED flags).</summary>
public sealed record TeamPortChange(TeamPortInfo Port, bool Changed, bool Removed);
