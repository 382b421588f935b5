namespace NetTeam.Runners.Lacp;

/// <summary>
/// Per-port Slow Protocols counters, as Linux bonding's 802.3ad statistics (include/uapi/linux/if_bonding.h
/// BOND_3AD_STAT_*; teamd-spec §4.8 item 3): what came in, what was dropped and why, what went out.
/// </summary>
public sealed class LacpCounters
{
    public long LacpduRx { get; internal set; }

    public long LacpduTx { get; internal set; }

    private readonly long[] _illegalBy = new long[Enum.GetValues<SlowFrameError>().Length];

    /// <summary>Truncated, oversized or malformed LACPDUs and Marker PDUs, dropped.</summary>
    public long IllegalRx { get; private set; }

    /// <summary>The illegal frames dropped for <paramref name="reason"/> (they add up to <see cref="IllegalRx"/>).</summary>
    public long IllegalBy(SlowFrameError reason) => _illegalBy[(int)reason];

    internal void CountIllegal(SlowFrameError reason)
    {
        IllegalRx++;
        _illegalBy[(int)reason]++;
    }

    /// <summary>Slow Protocols frames of another subtype (OAM, ...), ignored.</summary>
    public long UnknownRx { get; internal set; }

    public long MarkerRx { get; internal set; }

    public long MarkerResponseTx { get; internal set; }

    public long MarkerResponseRx { get; internal set; }

    /// <summary>Marker Information PDUs not answered because they came faster than the responder's limit.</summary>
    public long MarkerRateLimited { get; internal set; }

    /// <summary>LACPDUs received while the port's link was down or it was disabled, ignored (as OVS does).</summary>
    public long IgnoredRx { get; internal set; }

    /// <summary>Transmissions deferred because three LACPDUs had gone out within the last Fast_Periodic_Time.</summary>
    public long TxDeferred { get; internal set; }

    /// <summary>Sends the channel refused (the port went away under us).</summary>
    public long TxErrors { get; internal set; }

    /// <summary>The counters under bonding's names where it has them (BOND_3AD_STAT_*), snake case as teamd's state.</summary>
    public System.Text.Json.Nodes.JsonObject ToJson() => new()
    {
        ["lacpdu_rx"] = LacpduRx,
        ["lacpdu_tx"] = LacpduTx,
        ["lacpdu_illegal_rx"] = IllegalRx,
        ["illegal_truncated"] = IllegalBy(SlowFrameError.Truncated),
        ["illegal_oversized"] = IllegalBy(SlowFrameError.Oversized),
        ["illegal_malformed"] = IllegalBy(SlowFrameError.Malformed),
        ["illegal_not_slow_protocols"] = IllegalBy(SlowFrameError.NotSlowProtocols),
        ["lacpdu_unknown_rx"] = UnknownRx,
        ["lacpdu_ignored_rx"] = IgnoredRx,
        ["marker_rx"] = MarkerRx,
        ["marker_resp_tx"] = MarkerResponseTx,
        ["marker_resp_rx"] = MarkerResponseRx,
        ["marker_rate_limited"] = MarkerRateLimited,
        ["tx_deferred"] = TxDeferred,
        ["tx_errors"] = TxErrors,
    };
}
