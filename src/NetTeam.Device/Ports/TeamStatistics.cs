namespace NetTeam.Device.Ports;

/// <summary>A point-in-time copy of a port's or the team's counters.</summary>
public readonly record struct TeamStatistics(
    long RxPackets,
    long RxBytes,
    long RxDropped,
    long RxMulticast,
    long TxPackets,
    long TxBytes,
    long TxDropped,
    long RxErrors);
