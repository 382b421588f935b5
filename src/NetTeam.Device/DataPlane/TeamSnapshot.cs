namespace NetTeam.Device.DataPlane;

/// <summary>
/// An immutable, published <see cref="TeamSnapshotData"/>: the control side builds one per change and swaps
/// it in whole, as the kernel publishes its RCU port list (design.md, "Data plane"); the userspace plane
/// reads it through one volatile reference, the eBPF plane copies its bytes into a fresh inner map. Ports
/// are named by slot (0..63).
/// </summary>
public sealed class TeamSnapshot
{
    public const int MaxPorts = 64;
    public const int HashBuckets = 256;

    private readonly TeamSnapshotData _data;

    public TeamSnapshot(in TeamSnapshotData data) => _data = data;

    public static TeamSnapshot Empty { get; } = Create(ModeKind.None, [], 0, -1, LbTxMethod.Hash, HashFragments.Default, default, default, 0, 0);

    /// <summary>The fixed-layout value both planes read.</summary>
    public ref readonly TeamSnapshotData Data => ref _data;

    public ModeKind Mode => _data.ModeKind;

    public int EnabledCount => (int)_data.EnabledCount;

    public ulong EnabledMask => _data.EnabledMask;

    public ulong TxableMask => _data.TxableMask;

    public int ActiveSlot => _data.ActiveSlot;

    public long Version => (long)_data.Version;

    /// <summary>The enabled ports' slots in enabled-index order (a copy, for tests and diagnostics).</summary>
    public int[] EnabledSlots
    {
        get
        {
            int[] slots = new int[EnabledCount];
            for (int i = 0; i < slots.Length; i++)
            {
                slots[i] = _data.EnabledSlots[i];
            }
            return slots;
        }
    }

    /// <summary>The hash_to_port_mapping table by bucket, -1 unmapped (a copy, for tests and diagnostics).</summary>
    public sbyte[] HashToSlot => ((ReadOnlySpan<sbyte>)_data.HashToSlot).ToArray();

    /// <summary>
    /// Builds a snapshot and precomputes what frame decisions need (first_txable per enabled index), so no
    /// plane walks the port list per frame.
    /// </summary>
    /// <param name="enabledSlots">Enabled ports' slots in enabled-index order.</param>
    /// <param name="hashToSlot">256 slots under hash_to_port_mapping (-1 unmapped); empty for none.</param>
    /// <param name="slotIfIndex">64 ifindexes by slot; empty when unknown (tests of the C# rules).</param>
    public static TeamSnapshot Create(
        ModeKind mode,
        ReadOnlySpan<int> enabledSlots,
        ulong txableMask,
        int activeSlot,
        LbTxMethod txMethod,
        HashFragments fragments,
        ReadOnlySpan<sbyte> hashToSlot,
        ReadOnlySpan<int> slotIfIndex,
        int teamIfIndex,
        ulong version)
    {
        TeamSnapshotData d = default;
        d.Mode = (uint)mode;
        d.EnabledCount = (uint)enabledSlots.Length;
        d.ActiveSlot = activeSlot;
        d.TxMethod = (uint)txMethod;
        d.Fragments = (uint)fragments;
        d.TeamIfIndex = teamIfIndex;
        d.Version = version;
        for (int i = 0; i < enabledSlots.Length; i++)
        {
            d.EnabledSlots[i] = (byte)enabledSlots[i];
            d.EnabledMask |= 1UL << enabledSlots[i];
        }
        d.TxableMask = txableMask & d.EnabledMask;
        for (int i = 0; i < enabledSlots.Length; i++)
        {
            d.FirstTxable[i] = FirstTxableFrom(enabledSlots, d.TxableMask, i);
        }
        for (int i = enabledSlots.Length; i < MaxPorts; i++)
        {
            d.FirstTxable[i] = -1;
        }
        Span<sbyte> map = d.HashToSlot;
        if (hashToSlot.IsEmpty)
        {
            map.Fill(-1);
        }
        else
        {
            hashToSlot.CopyTo(map);
        }
        slotIfIndex.CopyTo(d.SlotIfIndex);
        return new TeamSnapshot(d);
    }

    /// <summary>team_mode_roundrobin.c/random's fallback: the first txable port from enabled index <paramref name="start"/> on, wrapping.</summary>
    private static sbyte FirstTxableFrom(ReadOnlySpan<int> slots, ulong txable, int start)
    {
        for (int i = 0; i < slots.Length; i++)
        {
            int slot = slots[(start + i) % slots.Length];
            if ((txable & (1UL << slot)) != 0)
            {
                return (sbyte)slot;
            }
        }
        return -1;
    }
}
