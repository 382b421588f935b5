using NetTeam.Bpf;
using NetTeam.Interop;
using NetTeam.Interop.Bpf;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// The eBPF data plane's maps (ebpf-dataplane.md §5, team.bpf.c): <c>snapshots</c>, an ARRAY_OF_MAPS[1]
/// whose one inner ARRAY[1] holds the published <see cref="TeamSnapshotData"/>; <c>port_slot</c>, ifindex to
/// slot for the rx programs; <c>stats</c>, per-CPU <see cref="TeamCounters"/> per slot plus the team's at
/// <see cref="TeamStatsIndex"/>; <c>hash_bytes</c>, per-CPU bytes per loadbalance bucket (lb_hash_stats);
/// <c>rr_sent</c>, roundrobin's per-CPU sent count; <c>meta</c>, the layout a restarted daemon checks.
/// Names and shapes are fixed by <see cref="LayoutVersion"/> so pinned maps can be taken over.
/// </summary>
public sealed partial class TeamMaps : IDisposable
{
    /// <summary>Bump whenever a map's shape, a value's layout or a program's reading of them changes.</summary>
    public const uint LayoutVersion = 2;

    /// <summary>stats[64]: the team interface's own counters.</summary>
    public const int TeamStatsIndex = TeamSnapshot.MaxPorts;

    /// <summary>
    /// Snapshots in a ring: a publication writes the entry after the current one, then moves <c>current</c>
    /// to it, so no program ever reads an entry while it is written unless it stalled through
    /// <see cref="SnapshotRing"/> - 1 publications in one run.
    /// </summary>
    public const int SnapshotRing = 64;

    public static readonly MapSpec SnapshotSpec = MapSpec.Array<TeamSnapshotData>("snapshots", SnapshotRing);
    public static readonly MapSpec CurrentSpec = MapSpec.Array<uint>("current", 1);
    public static readonly MapSpec PortSlotSpec = MapSpec.Hash<uint, uint>("port_slot", TeamSnapshot.MaxPorts);
    public static readonly MapSpec StatsSpec = MapSpec.PerCpuArray<TeamCounters>("stats", TeamSnapshot.MaxPorts + 1);
    public static readonly MapSpec HashBytesSpec = MapSpec.PerCpuArray<ulong>("hash_bytes", TeamSnapshot.HashBuckets);
    public static readonly MapSpec RoundRobinSpec = MapSpec.PerCpuArray<ulong>("rr_sent", 1);
    public static readonly MapSpec MetaSpec = MapSpec.Array<TeamMapsMeta>("meta", 1);

    private uint _current;
    private bool _published;

    private TeamMaps(BpfMap[] maps)
    {
        Snapshots = maps[0];
        Current = maps[1];
        PortSlot = maps[2];
        Stats = maps[3];
        HashBytes = maps[4];
        RoundRobinSent = maps[5];
        Meta = maps[6];
    }

    /// <summary>Every map with its spec, in the order <see cref="Create"/> makes them.</summary>
    public static IReadOnlyList<MapSpec> Specs { get; } = [SnapshotSpec, CurrentSpec, PortSlotSpec, StatsSpec, HashBytesSpec, RoundRobinSpec, MetaSpec];

    /// <summary>The ring of published snapshots (<see cref="SnapshotRing"/> entries).</summary>
    public BpfMap Snapshots { get; }

    /// <summary>current[0]: the ring entry the programs read.</summary>
    public BpfMap Current { get; }

    public BpfMap PortSlot { get; }

    public BpfMap Stats { get; }

    public BpfMap HashBytes { get; }

    public BpfMap RoundRobinSent { get; }

    public BpfMap Meta { get; }

    private IEnumerable<BpfMap> All => [Snapshots, Current, PortSlot, Stats, HashBytes, RoundRobinSent, Meta];

    /// <summary>Creates fresh maps; nothing is published yet (the tx program drops and the rx program passes until then).</summary>
    public static BpfError Create(out TeamMaps? maps)
    {
        maps = null;
        BpfMap[] created = new BpfMap[Specs.Count];
        for (int i = 0; i < created.Length; i++)
        {
            BpfError err = BpfMap.Create(Specs[i], out BpfMap? map);
            if (!err.IsSuccess)
            {
                DisposeAll(created);
                return err;
            }
            created[i] = map!;
        }
        TeamMapsMeta meta = TeamMapsMeta.Current;
        Errno written = created[^1].Update(0u, in meta);
        if (!written.IsSuccess)
        {
            DisposeAll(created);
            return new BpfError(written, "write the meta map");
        }
        maps = new TeamMaps(created);
        return BpfError.Success;
    }

    /// <summary>Pins every map as <paramref name="directory"/>/NAME (the directory is created in the bpffs).</summary>
    public BpfError Pin(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (BpfMap map in All)
        {
            BpfError err = map.Pin(Path.Combine(directory, map.Name));
            if (!err.IsSuccess)
            {
                return err;
            }
        }
        return BpfError.Success;
    }

    /// <summary>
    /// Opens maps pinned by <see cref="Pin"/> and checks each against its spec (type, key and value size,
    /// max entries, name) and the meta map against <see cref="TeamMapsMeta.Current"/>; EINVAL on a mismatch,
    /// so the caller creates fresh maps instead.
    /// </summary>
    public static BpfError OpenPinned(string directory, out TeamMaps? maps)
    {
        maps = null;
        BpfMap[] opened = new BpfMap[Specs.Count];
        for (int i = 0; i < opened.Length; i++)
        {
            MapSpec spec = Specs[i];
            BpfError err = BpfMap.OpenPinned(Path.Combine(directory, spec.Name), out BpfMap? map);
            if (err.IsSuccess && !Matches(map!, spec))
            {
                map!.Dispose();
                err = new BpfError(Errno.EINVAL, $"pinned map {spec.Name} is not a {spec.Type} of {spec.KeySize}-byte keys, {spec.ValueSize}-byte values, {spec.MaxEntries} entries");
            }
            if (!err.IsSuccess)
            {
                DisposeAll(opened);
                return err;
            }
            opened[i] = map!;
        }
        Errno read = opened[^1].Lookup(0u, out TeamMapsMeta meta);
        if (!read.IsSuccess || meta != TeamMapsMeta.Current)
        {
            DisposeAll(opened);
            return new BpfError(read.IsSuccess ? Errno.EINVAL : read, $"pinned maps have layout {meta}, not {TeamMapsMeta.Current}");
        }
        maps = new TeamMaps(opened);
        if (opened[1].Lookup(0u, out uint current).IsSuccess)
        {
            maps._current = current % SnapshotRing;
            maps._published = current != 0;
        }
        return BpfError.Success;
    }

    public void Dispose() => DisposeAll([.. All]);

    private static bool Matches(BpfMap map, MapSpec spec) =>
        map.Type == spec.Type && map.KeySize == spec.KeySize && map.ValueSize == spec.ValueSize && map.MaxEntries == spec.MaxEntries && map.Name == spec.Name;

    private static void DisposeAll(BpfMap?[] maps)
    {
        foreach (BpfMap? map in maps)
        {
            map?.Dispose();
        }
    }
}
