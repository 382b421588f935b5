namespace NetTeam.Interop;

/// <summary>The link-layer type of a netdev (linux/if_arp.h ARPHRD_*).</summary>
public enum LinkType : ushort
{
    Ether = 1,
    Loopback = 772,
    Sit = 776,
    IpGre = 778,
    None = 0xFFFE,
    Void = 0xFFFF,
}
