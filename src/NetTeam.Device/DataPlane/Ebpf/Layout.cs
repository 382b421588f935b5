using System.Runtime.InteropServices;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// Byte offsets the generated programs read: the fields of <see cref="TeamSnapshotData"/> (the inner map's
/// value) and of <see cref="TeamCounters"/> (a stats value), taken from the C# layouts themselves so the
/// programs cannot drift from them; and the programs' stack slots.
/// </summary>
internal static class Layout
{
    public static readonly short Mode = Snapshot(nameof(TeamSnapshotData.Mode));
    public static readonly short EnabledCount = Snapshot(nameof(TeamSnapshotData.EnabledCount));
    public static readonly short ActiveSlot = Snapshot(nameof(TeamSnapshotData.ActiveSlot));
    public static readonly short TxMethod = Snapshot(nameof(TeamSnapshotData.TxMethod));
    public static readonly short TeamIfIndex = Snapshot(nameof(TeamSnapshotData.TeamIfIndex));
    public static readonly short EnabledMask = Snapshot(nameof(TeamSnapshotData.EnabledMask));
    public static readonly short TxableMask = Snapshot(nameof(TeamSnapshotData.TxableMask));
    public static readonly short SlotIfIndex = Snapshot(nameof(TeamSnapshotData.SlotIfIndex));
    public static readonly short EnabledSlots = Snapshot(nameof(TeamSnapshotData.EnabledSlots));
    public static readonly short FirstTxable = Snapshot(nameof(TeamSnapshotData.FirstTxable));
    public static readonly short HashToSlot = Snapshot(nameof(TeamSnapshotData.HashToSlot));

    public static readonly short RxPackets = Counter(nameof(TeamCounters.RxPackets));
    public static readonly short RxBytes = Counter(nameof(TeamCounters.RxBytes));
    public static readonly short RxMulticast = Counter(nameof(TeamCounters.RxMulticast));
    public static readonly short TxPackets = Counter(nameof(TeamCounters.TxPackets));
    public static readonly short TxBytes = Counter(nameof(TeamCounters.TxBytes));
    public static readonly short TxDropped = Counter(nameof(TeamCounters.TxDropped));
    public static readonly short RxPassed = Counter(nameof(TeamCounters.RxPassed));

    /// <summary>fp-4: the u32 key of every map lookup.</summary>
    public const short Key = -4;

    /// <summary>fp-8: the ifindex the original frame is redirected to.</summary>
    public const short Target = -8;

    /// <summary>fp-64 .. fp-16: header bytes copied out of the frame (an IPv6 header is the largest, 40).</summary>
    public const short Packet = -64;

    private static short Snapshot(string field) => (short)Marshal.OffsetOf<TeamSnapshotData>(field);

    private static short Counter(string field) => (short)Marshal.OffsetOf<TeamCounters>(field);
}
