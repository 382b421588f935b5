using System.Runtime.InteropServices;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// One element of the <c>stats</c> map (struct counters of the eBPF sketch): eight u64 counters a port's or
/// the team's programs add to on each CPU, summed over CPUs when read.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct TeamCounters : IEquatable<TeamCounters>
{
    public ulong RxPackets;
    public ulong RxBytes;
    public ulong RxDropped;
    public ulong RxMulticast;
    public ulong TxPackets;
    public ulong TxBytes;
    public ulong TxDropped;

    /// <summary>
    /// Frames of a port that are not the team's (a disabled port, refused by the mode): seen by packet taps, then
    /// dropped before the stack (TC_ACT_SHOT, the kernel team's RX_HANDLER_EXACT). The name is the sketch's.
    /// </summary>
    public ulong RxPassed;

    public readonly bool Equals(TeamCounters other) =>
        RxPackets == other.RxPackets && RxBytes == other.RxBytes && RxDropped == other.RxDropped && RxMulticast == other.RxMulticast
        && TxPackets == other.TxPackets && TxBytes == other.TxBytes && TxDropped == other.TxDropped && RxPassed == other.RxPassed;

    public override readonly bool Equals(object? obj) => obj is TeamCounters other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(RxPackets, RxBytes, RxMulticast, TxPackets, TxBytes, TxDropped, RxPassed);

    public override readonly string ToString() =>
        $"rx {RxPackets}/{RxBytes}B mcast {RxMulticast} passed {RxPassed} dropped {RxDropped}; tx {TxPackets}/{TxBytes}B dropped {TxDropped}";

    public static bool operator ==(TeamCounters left, TeamCounters right) => left.Equals(right);

    public static bool operator !=(TeamCounters left, TeamCounters right) => !left.Equals(right);
}
