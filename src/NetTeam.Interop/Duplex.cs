namespace NetTeam.Interop;

/// <summary>Link duplex (linux/ethtool.h DUPLEX_*).</summary>
public enum Duplex : byte
{
    Half = 0,
    Full = 1,
    Unknown = 0xFF,
}
