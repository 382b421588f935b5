using NetTeam.Interop;

namespace NetTeam.Device.Ports;

/// <summary>
/// A port as the team API's port list reports it. <paramref name="PermanentAddress"/> is the port's own
/// hardware address (what LACPDUs are sent from, teamd-spec §4.1), whatever MAC the team gave it.
/// <paramref name="LinkEventTimestamp"/> is when the event that last changed <paramref name="Link"/> arrived (an
/// rtnetlink message on the link monitor's thread or a carrier sample on the data plane's), as the team's
/// TimeProvider counts (GetTimestamp); 0 before any. A failover's duration is measured from it.
/// </summary>
public sealed record TeamPortInfo(
    string Name,
    int IfIndex,
    PortLink Link,
    bool Enabled,
    bool Linkup,
    MacAddress Address,
    TeamStatistics Statistics,
    MacAddress PermanentAddress,
    long LinkEventTimestamp = 0);
