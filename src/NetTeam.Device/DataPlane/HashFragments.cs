namespace NetTeam.Device.DataPlane;

/// <summary>
/// teamd's <c>tx_hash</c> fragments (libteam teamd/teamd_hash_func.c, teamd.conf(5)): which header fields
/// feed the loadbalance transmit hash. <c>ip</c> and <c>l3</c> mean IPv4 and IPv6; <c>l4</c> means TCP, UDP
/// and SCTP ports.
/// </summary>
[Flags]
public enum HashFragments
{
    None = 0,
    Eth = 1 << 0,
    Vlan = 1 << 1,
    Ipv4 = 1 << 2,
    Ipv6 = 1 << 3,
    Tcp = 1 << 4,
    Udp = 1 << 5,
    Sctp = 1 << 6,
    Ip = Ipv4 | Ipv6,
    L3 = Ipv4 | Ipv6,
    L4 = Tcp | Udp | Sctp,

    /// <summary>teamd's default <c>["eth", "ipv4", "ipv6"]</c>.</summary>
    Default = Eth | Ipv4 | Ipv6,
}
