namespace NetTeam.Runners.Lacp;

/// <summary>
/// The Actor_State / Partner_State octet of a LACPDU (IEEE 802.1AX-2014 6.4.2.3, items m and u; teamd-spec §4.3).
/// </summary>
[Flags]
public enum LacpState : byte
{
    None = 0,

    /// <summary>LACP_Activity: active (set) or passive LACP.</summary>
    Activity = 0x01,

    /// <summary>LACP_Timeout: short timeout (3 s), asking the partner to transmit every second.</summary>
    Timeout = 0x02,

    /// <summary>Aggregation: the link may be aggregated (clear: Individual).</summary>
    Aggregation = 0x04,

    /// <summary>Synchronization: the link is attached to the right aggregator.</summary>
    Synchronization = 0x08,

    Collecting = 0x10,

    Distributing = 0x20,

    /// <summary>Defaulted: the partner information is the defaults, not what a LACPDU said.</summary>
    Defaulted = 0x40,

    /// <summary>Expired: the receive machine is in EXPIRED.</summary>
    Expired = 0x80,
}
