using NetTeam.Device.Ports;

namespace NetTeam.Device.DataPlane.Userspace;

/// <summary>
/// Traffic counters of one port or of the team, written by the data plane thread only (one writer, so plain
/// increments) and read by the control side with volatile reads, as values.
/// </summary>
internal sealed class PlaneCounters
{
    public long RxPackets;
    public long RxBytes;
    public long RxDropped;
    public long RxMulticast;
    public long TxPackets;
    public long TxBytes;
    public long TxDropped;
    public long RxErrors;

    public TeamStatistics Read() => new(
        Volatile.Read(ref RxPackets),
        Volatile.Read(ref RxBytes),
        Volatile.Read(ref RxDropped),
        Volatile.Read(ref RxMulticast),
        Volatile.Read(ref TxPackets),
        Volatile.Read(ref TxBytes),
        Volatile.Read(ref TxDropped),
        Volatile.Read(ref RxErrors));
}
