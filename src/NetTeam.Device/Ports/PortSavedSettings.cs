using NetTeam.Interop;

namespace NetTeam.Device.Ports;

/// <summary>
/// What a port looked like before it joined the team: everything NetTeam changes on it and restores on
/// removal or exit (the team driver saves MTU and MAC in team_port_add; NetTeam also changes ARP, IPv6,
/// admin state and promisc because the port's own stack still sees its frames, design.md).
/// </summary>
public sealed record PortSavedSettings(
    string Name,
    int IfIndex,
    int Mtu,
    MacAddress Address,
    bool AdminUp,
    bool Promiscuous,
    bool AllMulticast,
    bool NoArp,
    bool? Ipv6Disabled,
    int? RpFilter);
