namespace NetTeam.Device.Ports;

/// <summary>
/// Traffic counters written by the data plane thread only (one writer, so plain increments) and read
/// by the control side with volatile reads. The shape is the team driver's per-port and team stats.
/// </summary>
public sealed class PortCounters
{
    internal long RxPacketsField;
    internal long RxBytesField;
    internal long RxDroppedField;
    internal long RxMulticastField;
    internal long TxPacketsField;
    internal long TxBytesField;
    internal long TxDroppedField;
    internal long RxErrorsField;

    public long RxPackets => Volatile.Read(ref RxPacketsField);

    public long RxBytes => Volatile.Read(ref RxBytesField);

    public long RxDropped => Volatile.Read(ref RxDroppedField);

    public long RxMulticast => Volatile.Read(ref RxMulticastField);

    public long TxPackets => Volatile.Read(ref TxPacketsField);

    public long TxBytes => Volatile.Read(ref TxBytesField);

    public long TxDropped => Volatile.Read(ref TxDroppedField);

    /// <summary>Truncated or malformed frames read from the wire and dropped.</summary>
    public long RxErrors => Volatile.Read(ref RxErrorsField);

    public TeamStatistics Snapshot() => new(RxPackets, RxBytes, RxDropped, RxMulticast, TxPackets, TxBytes, TxDropped, RxErrors);
}
