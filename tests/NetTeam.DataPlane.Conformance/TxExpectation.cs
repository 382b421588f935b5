namespace NetTeam.DataPlane.Conformance;

/// <summary>
/// What a data plane must do with a frame sent on the team.
/// </summary>
/// <param name="Bucket">loadbalance: the hash bucket (TxHash.Bucket) whose lb_hash_stats the frame's bytes go to when sent.</param>
/// <param name="RoundRobinSentAfter">roundrobin: the sent counter after the frame (unchanged when no port is enabled).</param>
public sealed record TxExpectation(TxDecisionKind Kind, IReadOnlyList<int> Slots, byte? Bucket = null, ulong? RoundRobinSentAfter = null)
{
    public static TxExpectation Drop { get; } = new(TxDecisionKind.Drop, []);

    public static TxExpectation ToSlot(int slot) => new(TxDecisionKind.Slot, [slot]);

    public override string ToString()
    {
        string what = Kind switch
        {
            TxDecisionKind.Drop => "drop",
            TxDecisionKind.Slot => $"slot {Slots[0]}",
            TxDecisionKind.AllOf => $"all of [{string.Join(',', Slots)}]",
            _ => $"one of [{string.Join(',', Slots)}]",
        };
        return what + (Bucket is byte b ? $", bucket {b}" : string.Empty) + (RoundRobinSentAfter is ulong r ? $", rr_sent {r}" : string.Empty);
    }
}
