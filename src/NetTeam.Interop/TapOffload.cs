namespace NetTeam.Interop;

/// <summary>TUN_F_* offload bits for TUNSETOFFLOAD (linux/if_tun.h).</summary>
[Flags]
public enum TapOffload : uint
{
    None = 0,
    Checksum = 0x01,
    Tso4 = 0x02,
    Tso6 = 0x04,
    TsoEcn = 0x08,
    Ufo = 0x10,
    Uso4 = 0x20,
    Uso6 = 0x40,
}
