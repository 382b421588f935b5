namespace NetTeam.Interop;

/// <summary>Interface flags (netdevice(7) IFF_*).</summary>
[Flags]
public enum LinkFlags : uint
{
    None = 0,
    Up = 0x1,
    Broadcast = 0x2,
    Loopback = 0x8,
    PointToPoint = 0x10,
    Running = 0x40,
    NoArp = 0x80,
    Promiscuous = 0x100,
    AllMulticast = 0x200,
    Multicast = 0x1000,
    LowerUp = 0x10000,
    Dormant = 0x20000,
}
