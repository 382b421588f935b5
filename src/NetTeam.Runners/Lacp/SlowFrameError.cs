namespace NetTeam.Runners.Lacp;

/// <summary>Why a received Slow Protocols frame was dropped (errors as values: frames from the wire are untrusted).</summary>
public enum SlowFrameError
{
    None,

    /// <summary>Shorter than its fixed layout.</summary>
    Truncated,

    /// <summary>Longer than a version 1 PDU may be, or than any control frame.</summary>
    Oversized,

    /// <summary>Not EtherType 0x8809, or not sent to a Slow Protocols group address.</summary>
    NotSlowProtocols,

    /// <summary>A subtype this runner does not handle (OAM, organization specific, ...).</summary>
    UnknownSubtype,

    /// <summary>Version 0, or a TLV length that differs from the standard's.</summary>
    Malformed,
}
