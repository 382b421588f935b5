using NetTeam.Interop;

namespace NetTeam.Device.Ports;

/// <summary>
/// A port as the team API's port list reports it. <paramref name="PermanentAddress"/> is the port's own
/// hardware address (what LACPDUs are sent from, teamd-spec §4.1), whatever MAC the team gave it.
/// </summary>
public sealed record TeamPortInfo(
    string Name,
    int IfIndex,
    PortLink Link,
    bool Enabled,
    bool Linkup,
    MacAddress Address,
    TeamStatistics Statistics,
    MacAddress PermanentAddress);
