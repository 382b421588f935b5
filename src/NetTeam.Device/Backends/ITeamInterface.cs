namespace NetTeam.Device.Backends;

/// <summary>The team's own netdev (a TAP on Linux): its identity and carrier.</summary>
internal interface ITeamInterface : IDisposable
{
    string Name { get; }

    int IfIndex { get; }

    /// <summary>Team carrier, shown as the TAP's carrier (TUNSETCARRIER).</summary>
    void SetCarrier(bool carrier);
}
