namespace NetTeam.Interop;

/// <summary>A netdev as rtnetlink describes it (RTM_NEWLINK); the GSO limits are 0 when the kernel does not say.</summary>
public sealed record LinkInfo(
    int Index,
    string Name,
    LinkType Type,
    LinkFlags Flags,
    int Mtu,
    MacAddress Address,
    MacAddress? PermanentAddress,
    int MasterIndex,
    bool Carrier,
    byte OperState,
    string? Kind,
    int MinMtu,
    int MaxMtu,
    int GsoMaxSize = 0,
    int GsoMaxSegs = 0);
