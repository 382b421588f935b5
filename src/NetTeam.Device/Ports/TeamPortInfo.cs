using NetTeam.Interop;

namespace NetTeam.Device.Ports;

/// <summary>A port as the team API's port list reports it.</summary>
public sealed record TeamPortInfo(
    string Name,
    int IfIndex,
    PortLink Link,
    bool Enabled,
    bool Linkup,
    MacAddress Address,
    TeamStatistics Statistics);
