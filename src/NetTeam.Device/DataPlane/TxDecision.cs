namespace NetTeam.Device.DataPlane;

/// <summary>A mode's transmit decision for one frame, and the loadbalance hash bucket it was made with.</summary>
public readonly record struct TxDecision(TxAction Action, int Slot, byte Bucket)
{
    public static TxDecision Drop => new(TxAction.Drop, -1, 0);

    public static TxDecision AllTxable => new(TxAction.AllTxable, -1, 0);

    public static TxDecision ToPort(int slot, byte bucket = 0) => new(TxAction.Port, slot, bucket);

    public override string ToString() => Action switch
    {
        TxAction.Port => $"port {Slot} (bucket {Bucket})",
        TxAction.AllTxable => "all txable ports",
        _ => "drop",
    };
}
