using System.Runtime.InteropServices;

namespace NetTeam.Device.DataPlane;

/// <summary>
/// The snapshot both data planes read, as one fixed-layout, blittable value: the userspace plane holds it in
/// an immutable box, the eBPF plane copies it byte for byte into the value of a BPF array map (688 bytes,
/// C layout, little-endian, the offsets the program generator reads and a layout test checks against gcc).
/// Everything a frame decision needs is precomputed here by the publisher, so no plane loops over ports
/// per frame: the verifier charges a 64-step loop about 110k instructions (ebpf-dataplane.md §6.8).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct TeamSnapshotData
{
    /// <summary>Size in bytes (sizeof(struct snapshot)).</summary>
    public const int Size = 688;

    /// <summary>The <see cref="ModeKind"/> as a number (M_NONE .. M_LOADBALANCE).</summary>
    public uint Mode;

    /// <summary>Enabled ports: the length of <see cref="EnabledSlots"/> that is in use.</summary>
    public uint EnabledCount;

    /// <summary>activebackup's active slot, -1 when none.</summary>
    public int ActiveSlot;

    /// <summary>The <see cref="LbTxMethod"/> as a number.</summary>
    public uint TxMethod;

    /// <summary>The <see cref="HashFragments"/> bits.</summary>
    public uint Fragments;

    /// <summary>The team interface (where received frames are delivered).</summary>
    public int TeamIfIndex;

    /// <summary>Bit per slot: enabled (rx and tx).</summary>
    public ulong EnabledMask;

    /// <summary>Bit per slot: enabled and link up (team_port_txable).</summary>
    public ulong TxableMask;

    /// <summary>Increases with every publication.</summary>
    public ulong Version;

    /// <summary>The ifindex of the port in each slot, 0 for a free slot.</summary>
    public SlotArray<int> SlotIfIndex;

    /// <summary>Enabled index -> slot (the kernel's en_port hash, in enabled-index order).</summary>
    public SlotArray<byte> EnabledSlots;

    /// <summary>Enabled index i -> the first txable slot at or after i in enabled order, wrapping; -1 when none.</summary>
    public SlotArray<sbyte> FirstTxable;

    /// <summary>Hash bucket -> slot under hash_to_port_mapping, -1 when unmapped.</summary>
    public BucketArray<sbyte> HashToSlot;

    public readonly ModeKind ModeKind => (ModeKind)Mode;

    public readonly LbTxMethod LbTxMethod => (LbTxMethod)TxMethod;

    public readonly HashFragments HashFragments => (HashFragments)Fragments;

    /// <summary>The raw bytes, as a BPF map value holds them.</summary>
    public readonly byte[] ToBytes()
    {
        byte[] bytes = new byte[Size];
        MemoryMarshal.Write(bytes, in this);
        return bytes;
    }

    /// <summary>A snapshot read back from raw bytes (a BPF map value).</summary>
    public static TeamSnapshotData FromBytes(ReadOnlySpan<byte> bytes) => MemoryMarshal.Read<TeamSnapshotData>(bytes);
}
