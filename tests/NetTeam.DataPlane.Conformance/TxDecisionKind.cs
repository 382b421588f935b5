namespace NetTeam.DataPlane.Conformance;

public enum TxDecisionKind
{
    /// <summary>No port: dropped, tx_dropped on the team.</summary>
    Drop,

    /// <summary>Sent on the one slot in <see cref="TxExpectation.Slots"/>.</summary>
    Slot,

    /// <summary>A copy on every slot in <see cref="TxExpectation.Slots"/> (broadcast).</summary>
    AllOf,

    /// <summary>Sent on exactly one of <see cref="TxExpectation.Slots"/>, which one is random.</summary>
    OneOf,
}
