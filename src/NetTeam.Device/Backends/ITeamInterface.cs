namespace NetTeam.Device.Backends;

/// <summary>The team's own netdev (a TAP on Linux): its identity and carrier.</summary>
internal interface ITeamInterface : IDisposable
{
    string Name { get; }

    int IfIndex { get; }

    /// <summary>Team carrier, shown as the TAP's carrier (TUNSETCARRIER).</summary>
    void SetCarrier(bool carrier);

    /// <summary>
    /// Sends a frame as the team's own stack would (peer notifications): it leaves through the data plane and
    /// the mode like any frame the team transmits.
    /// </summary>
    Interop.Errno Transmit(ReadOnlySpan<byte> frame);

    /// <summary>A clean stop: a persistent team interface goes too when this one is closed (TUNSETPERSIST 0).</summary>
    void RemoveOnClose();
}
