namespace NetTeam.Device.DataPlane;

/// <summary>
/// The immutable state the data plane reads per frame, published by the control side as the kernel
/// publishes its RCU port list (design.md, "Data plane"). Ports are named by slot (0..63) so an eBPF data
/// plane can mirror the same snapshot in BPF array maps.
/// </summary>
public sealed class TeamSnapshot
{
    public const int MaxPorts = 64;
    public const int HashBuckets = 256;

    public static TeamSnapshot Empty { get; } = new(ModeKind.None, [], 0, 0, -1, LbTxMethod.Hash, HashFragments.Default, null, 0);

    public TeamSnapshot(
        ModeKind mode,
        int[] enabledSlots,
        ulong enabledMask,
        ulong txableMask,
        int activeSlot,
        LbTxMethod txMethod,
        HashFragments fragments,
        short[]? hashToSlot,
        long version)
    {
        Mode = mode;
        EnabledSlots = enabledSlots;
        EnabledMask = enabledMask;
        TxableMask = txableMask;
        ActiveSlot = activeSlot;
        TxMethod = txMethod;
        Fragments = fragments;
        HashToSlot = hashToSlot ?? EmptyMapping;
        Version = version;
    }

    private static short[] EmptyMapping { get; } = CreateEmptyMapping();

    public ModeKind Mode { get; }

    /// <summary>Enabled ports in enabled-index order (the kernel's en_port hash).</summary>
    public int[] EnabledSlots { get; }

    /// <summary>Bit per slot: the port is enabled (rx and tx).</summary>
    public ulong EnabledMask { get; }

    /// <summary>Bit per slot: the port is enabled and has link (team_port_txable).</summary>
    public ulong TxableMask { get; }

    /// <summary>activebackup's active port, -1 when none.</summary>
    public int ActiveSlot { get; }

    public LbTxMethod TxMethod { get; }

    public HashFragments Fragments { get; }

    /// <summary>256 entries: the slot each hash maps to under hash_to_port_mapping, -1 when unmapped.</summary>
    public short[] HashToSlot { get; }

    public long Version { get; }

    public static short[] CreateEmptyMapping()
    {
        short[] mapping = new short[HashBuckets];
        Array.Fill(mapping, (short)-1);
        return mapping;
    }
}
