using NetTeam.Device.DataPlane;

namespace NetTeam.DataPlane.Conformance;

/// <summary>
/// The shared table of frame decisions, (snapshot, frame) -> expected decision, for every mode: each data
/// plane (the userspace FramePath, the eBPF programs through BPF_PROG_TEST_RUN) runs the same rows. The
/// expectations come from <see cref="ExpectedDecisions"/>.
/// </summary>
public static class ConformanceTable
{
    /// <summary>The loadbalance fragment sets the table covers: none, each single fragment, and combinations teamd configs use.</summary>
    public static IReadOnlyList<HashFragments> FragmentSets { get; } =
    [
        HashFragments.None,
        HashFragments.Eth,
        HashFragments.Vlan,
        HashFragments.Ipv4,
        HashFragments.Ipv6,
        HashFragments.Tcp,
        HashFragments.Udp,
        HashFragments.Sctp,
        HashFragments.Default,
        HashFragments.L3 | HashFragments.L4,
        HashFragments.Vlan | HashFragments.Tcp,
        HashFragments.Ipv4 | HashFragments.Udp,
        HashFragments.Ipv6 | HashFragments.Sctp,
        HashFragments.Eth | HashFragments.Vlan | HashFragments.L3 | HashFragments.L4,
    ];

    /// <summary>Slots the table's snapshots use (a data plane that needs real devices makes one per slot).</summary>
    public static IReadOnlyList<int> Slots { get; } = [0, 1, 2, 3, 4, 5, 6, 7, 9, 17, 20, 63];

    public static IEnumerable<TxCase> Tx(ModeKind mode) => mode switch
    {
        ModeKind.None => Each("none", new SnapshotBuilder(ModeKind.None).Enabled(0, 1).Txable(0, 1).Build(), FrameCorpus.Base),
        ModeKind.Broadcast => Broadcast(),
        ModeKind.RoundRobin => RoundRobin(),
        ModeKind.Random => Random(),
        ModeKind.ActiveBackup => ActiveBackup(),
        ModeKind.LoadBalance => FragmentSets.SelectMany(LoadBalance),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static IEnumerable<TxCase> AllTx() => Enum.GetValues<ModeKind>().SelectMany(Tx);

    public static IEnumerable<RxCase> Rx()
    {
        foreach (ModeKind mode in Enum.GetValues<ModeKind>())
        {
            // Slots 0 and 3 enabled, 3 active; slot 5 a port that is not enabled.
            TeamSnapshotData s = new SnapshotBuilder(mode).Enabled(0, 3).Txable(0, 3).Ports(5).Active(3).Build();
            foreach (int slot in new[] { 0, 3, 5 })
            {
                foreach (NamedFrame frame in FrameCorpus.Receive.Concat(FrameCorpus.Base.Take(3)))
                {
                    yield return new RxCase($"{mode} rx slot {slot} {frame}", s, slot, frame.Bytes, ExpectedDecisions.Rx(s, slot, frame.Bytes));
                }
            }
        }
    }

    private static IEnumerable<TxCase> Broadcast() =>
        Each("broadcast three txable", new SnapshotBuilder(ModeKind.Broadcast).Enabled(0, 1, 2).Txable(0, 1, 2).Build(), FrameCorpus.Base.Take(4))
            .Concat(Each("broadcast two of three txable", new SnapshotBuilder(ModeKind.Broadcast).Enabled(0, 5, 63).Txable(5, 63).Build(), FrameCorpus.Base.Take(4)))
            .Concat(Each("broadcast one txable", new SnapshotBuilder(ModeKind.Broadcast).Enabled(17).Txable(17).Build(), FrameCorpus.Base.Take(2)))
            .Concat(Each("broadcast none txable", new SnapshotBuilder(ModeKind.Broadcast).Enabled(2, 3).Build(), FrameCorpus.Base.Take(2)))
            .Concat(Each("broadcast no ports", new SnapshotBuilder(ModeKind.Broadcast).Build(), FrameCorpus.Base.Take(2)));

    private static IEnumerable<TxCase> RoundRobin()
    {
        (string Name, TeamSnapshotData Snapshot)[] snapshots =
        [
            ("rr three txable", new SnapshotBuilder(ModeKind.RoundRobin).Enabled(0, 1, 2).Txable(0, 1, 2).Build()),
            ("rr one of three txable, wrapping", new SnapshotBuilder(ModeKind.RoundRobin).Enabled(3, 7, 9).Txable(7).Build()),
            ("rr none txable", new SnapshotBuilder(ModeKind.RoundRobin).Enabled(4, 6).Build()),
            ("rr no ports", new SnapshotBuilder(ModeKind.RoundRobin).Build()),
        ];
        ulong[] counters = [0, 1, 2, 3, 4, 5, 6, (1UL << 40) + 1, ulong.MaxValue - 1];
        foreach ((string name, TeamSnapshotData s) in snapshots)
        {
            foreach (ulong sent in counters)
            {
                byte[] frame = FrameCorpus.Base[(int)(sent % 5)].Bytes;
                yield return new TxCase($"{name}, sent {sent}", s, frame, sent, ExpectedDecisions.Tx(s, frame, sent));
            }
        }
    }

    private static IEnumerable<TxCase> Random() =>
        Each("random two of three txable", new SnapshotBuilder(ModeKind.Random).Enabled(1, 2, 3).Txable(1, 3).Build(), FrameCorpus.Base)
            .Concat(Each("random one txable", new SnapshotBuilder(ModeKind.Random).Enabled(4, 20).Txable(20).Build(), FrameCorpus.Base.Take(4)))
            .Concat(Each("random none txable", new SnapshotBuilder(ModeKind.Random).Enabled(4).Build(), FrameCorpus.Base.Take(2)))
            .Concat(Each("random no ports", new SnapshotBuilder(ModeKind.Random).Build(), FrameCorpus.Base.Take(2)));

    private static IEnumerable<TxCase> ActiveBackup() =>
        Each("ab active 2", new SnapshotBuilder(ModeKind.ActiveBackup).Enabled(0, 2).Txable(0, 2).Active(2).Build(), FrameCorpus.Base.Take(4))
            .Concat(Each("ab active 5 without link", new SnapshotBuilder(ModeKind.ActiveBackup).Enabled(5, 6).Txable(6).Active(5).Build(), FrameCorpus.Base.Take(4)))
            .Concat(Each("ab active 63", new SnapshotBuilder(ModeKind.ActiveBackup).Enabled(63).Txable(63).Active(63).Build(), FrameCorpus.Base.Take(2)))
            .Concat(Each("ab no active port", new SnapshotBuilder(ModeKind.ActiveBackup).Enabled(0, 2).Txable(0, 2).Build(), FrameCorpus.Base.Take(4)));

    private static IEnumerable<TxCase> LoadBalance(HashFragments fragments)
    {
        string f = HashFragmentNames(fragments);
        TeamSnapshotData byHash = new SnapshotBuilder(ModeKind.LoadBalance).Enabled(0, 1, 2).Txable(0, 1, 2).Hash(fragments).Build();
        SnapshotBuilder mapped = new SnapshotBuilder(ModeKind.LoadBalance).Enabled(1, 9, 20).Txable(1, 9, 20).Hash(fragments, LbTxMethod.HashToPortMapping);
        for (int bucket = 0; bucket < TeamSnapshot.HashBuckets; bucket += 2)
        {
            mapped.Map(bucket, bucket % 4 == 0 ? 63 : 9);
        }
        TeamSnapshotData mapping = mapped.Build();
        TeamSnapshotData emptyMapping = new SnapshotBuilder(ModeKind.LoadBalance).Enabled(5, 6).Txable(5, 6).Hash(fragments, LbTxMethod.HashToPortMapping).Build();
        SnapshotBuilder mappedNoPorts = new SnapshotBuilder(ModeKind.LoadBalance).Hash(fragments, LbTxMethod.HashToPortMapping);
        for (int bucket = 0; bucket < TeamSnapshot.HashBuckets; bucket += 3)
        {
            mappedNoPorts.Map(bucket, 4);
        }
        TeamSnapshotData noPorts = mappedNoPorts.Build();
        return Each($"lb {f} hash", byHash, FrameCorpus.All)
            .Concat(Each($"lb {f} mapping", mapping, FrameCorpus.Base))
            .Concat(Each($"lb {f} empty mapping", emptyMapping, FrameCorpus.Base))
            .Concat(Each($"lb {f} mapping, no enabled port", noPorts, FrameCorpus.Base));
    }

    private static string HashFragmentNames(HashFragments fragments) => fragments == HashFragments.None ? "[]" : $"[{fragments}]";

    private static IEnumerable<TxCase> Each(string name, TeamSnapshotData snapshot, IEnumerable<NamedFrame> frames) =>
        frames.Select(frame => new TxCase($"{name}, {frame}", snapshot, frame.Bytes, 0, ExpectedDecisions.Tx(snapshot, frame.Bytes, 0)));
}
