using NetTeam.Device.DataPlane;

namespace NetTeam.DataPlane.Conformance;

/// <summary>
/// Builds a <see cref="TeamSnapshotData"/> from a short description, precomputing what the publisher
/// precomputes (masks, en_slots, first_txable, hash_to_slot). Ifindexes are placeholders
/// (<see cref="PlaceholderIfIndex"/>): a data plane that needs real devices maps them to its own.
/// </summary>
public sealed class SnapshotBuilder
{
    public const int TeamIfIndex = 99;

    private static long s_version;

    private readonly ModeKind _mode;
    private readonly List<int> _enabled = [];
    private readonly HashSet<int> _txable = [];
    private readonly HashSet<int> _ports = [];
    private readonly Dictionary<int, int> _mapping = [];
    private int _active = -1;
    private HashFragments _fragments = HashFragments.Default;
    private LbTxMethod _method = LbTxMethod.Hash;

    public SnapshotBuilder(ModeKind mode) => _mode = mode;

    /// <summary>The ifindex the table gives the port in <paramref name="slot"/>.</summary>
    public static int PlaceholderIfIndex(int slot) => 100 + slot;

    /// <summary>Enabled ports, in enabled-index order (the kernel's en_port hash).</summary>
    public SnapshotBuilder Enabled(params int[] slots)
    {
        _enabled.AddRange(slots);
        return this;
    }

    /// <summary>Ports with link, among the enabled ones (team_port_txable).</summary>
    public SnapshotBuilder Txable(params int[] slots)
    {
        _txable.UnionWith(slots);
        return this;
    }

    /// <summary>Ports present in the team but not enabled.</summary>
    public SnapshotBuilder Ports(params int[] slots)
    {
        _ports.UnionWith(slots);
        return this;
    }

    public SnapshotBuilder Active(int slot)
    {
        _active = slot;
        return this;
    }

    public SnapshotBuilder Hash(HashFragments fragments, LbTxMethod method = LbTxMethod.Hash)
    {
        _fragments = fragments;
        _method = method;
        return this;
    }

    /// <summary>lb_tx_hash_to_port_mapping: <paramref name="bucket"/> goes to <paramref name="slot"/>.</summary>
    public SnapshotBuilder Map(int bucket, int slot)
    {
        _mapping[bucket] = slot;
        return this;
    }

    public TeamSnapshotData Build()
    {
        TeamSnapshotData s = new()
        {
            Mode = (uint)_mode,
            EnabledCount = (uint)_enabled.Count,
            ActiveSlot = _active,
            TxMethod = (uint)_method,
            Fragments = (uint)_fragments,
            TeamIfIndex = TeamIfIndex,
            Version = (ulong)Interlocked.Increment(ref s_version),
        };
        IEnumerable<int> present = _enabled.Concat(_ports).Concat(_mapping.Values).Concat(_active >= 0 ? [_active] : []);
        foreach (int slot in present)
        {
            s.SlotIfIndex[slot] = PlaceholderIfIndex(slot);
        }
        for (int i = 0; i < _enabled.Count; i++)
        {
            s.EnabledMask |= 1UL << _enabled[i];
            s.EnabledSlots[i] = (byte)_enabled[i];
            if (_txable.Contains(_enabled[i]))
            {
                s.TxableMask |= 1UL << _enabled[i];
            }
        }
        for (int i = 0; i < TeamSnapshot.MaxPorts; i++)
        {
            s.FirstTxable[i] = (sbyte)(i < _enabled.Count ? FirstTxableFrom(i) : -1);
        }
        for (int bucket = 0; bucket < TeamSnapshot.HashBuckets; bucket++)
        {
            s.HashToSlot[bucket] = (sbyte)(_mapping.TryGetValue(bucket, out int slot) ? slot : -1);
        }
        return s;
    }

    private int FirstTxableFrom(int start)
    {
        for (int k = 0; k < _enabled.Count; k++)
        {
            int slot = _enabled[(start + k) % _enabled.Count];
            if (_txable.Contains(slot))
            {
                return slot;
            }
        }
        return -1;
    }
}
