using System.Net;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.Backends;

/// <summary>
/// The netdev operations the team device needs from the system (rtnetlink, ethtool, sysctl, port locks),
/// all in the team's network namespace. Linux implements it with NetTeam.Interop; unit tests use an
/// in-memory one.
/// </summary>
internal interface ILinkBackend : IDisposable
{
    Errno GetLink(string name, out LinkInfo? link);

    Errno GetLink(int ifIndex, out LinkInfo? link);

    Errno SetUp(int ifIndex, bool up);

    Errno SetMtu(int ifIndex, int mtu);

    Errno SetAddress(int ifIndex, MacAddress address);

    Errno SetFlags(int ifIndex, LinkFlags flags, LinkFlags mask);

    /// <summary>The largest GSO frame the stack builds for the device (IFLA_GSO_MAX_SIZE, IFLA_GSO_MAX_SEGS).</summary>
    Errno SetGsoLimits(int ifIndex, int maxSize, int maxSegments);

    /// <summary>net.ipv6.conf.IF.disable_ipv6; null when the kernel has no IPv6.</summary>
    bool? GetIpv6Disabled(string ifName);

    Errno SetIpv6Disabled(string ifName, bool disabled);

    /// <summary>net.ipv4.conf.IF.rp_filter; null when absent.</summary>
    int? GetRpFilter(string ifName);

    Errno SetRpFilter(string ifName, int value);

    /// <summary>Carrier from the link, speed and duplex from ethtool.</summary>
    PortLink GetPortLink(LinkInfo link);

    /// <summary>Takes the cross-process lock on a port (one team per port, also across daemons).</summary>
    Errno LockPort(LinkInfo link, string teamName, out IPortLease? lease, out string? holder);

    /// <summary>The ports whose lock records name <paramref name="teamName"/> and whose holder is gone: a predecessor's ports.</summary>
    IReadOnlyList<string> PortsLeftBy(string teamName);

    /// <summary>Opens the holder of a port's receive filter (promisc, allmulti, multicast list).</summary>
    Errno OpenReceiveFilter(int ifIndex, out IPortReceiveFilter? filter);

    /// <summary>The link-layer multicast addresses the interface has joined (/proc/net/dev_mcast).</summary>
    IReadOnlyList<MacAddress> GetMulticastAddresses(int ifIndex);

    /// <summary>The interface's IPv4 and IPv6 addresses (RTM_GETADDR), for peer notification.</summary>
    IReadOnlyList<IPAddress> GetAddresses(int ifIndex);

    /// <summary>The IPv4 and IPv6 multicast groups the interface's stack has joined (/proc/net/igmp, igmp6).</summary>
    IReadOnlyList<IPAddress> GetMulticastGroups(int ifIndex);
}
