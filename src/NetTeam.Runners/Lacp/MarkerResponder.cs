namespace NetTeam.Runners.Lacp;

/// <summary>
/// The Marker Responder of IEEE 802.1AX-2014 6.5.4.2: every Marker Information PDU is answered with a Marker
/// Response that echoes the requester's port, system and transaction id. Answers are rate-limited to one per
/// <see cref="Period"/> per port, as DPDK does (RX_MARKER_PERIOD, teamd-spec §4.2, §4.8 item 1), so a peer
/// flooding Marker PDUs cannot make us flood back; early ones are counted and dropped. teamd and Open
/// vSwitch do not answer at all.
/// </summary>
internal sealed class MarkerResponder
{
    /// <summary>DPDK's RX_MARKER_PERIOD.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private readonly TimeProvider _time;
    private long? _lastAnswer;

    public MarkerResponder(TimeProvider time) => _time = time;

    /// <summary>Whether a Marker Information PDU arriving now may be answered; records the answer if so.</summary>
    public bool TryAnswer()
    {
        long now = _time.GetTimestamp();
        if (_lastAnswer is long last && _time.GetElapsedTime(last, now) < Period)
        {
            return false;
        }
        _lastAnswer = now;
        return true;
    }
}
