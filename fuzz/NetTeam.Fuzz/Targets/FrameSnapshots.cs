using NetTeam.DataPlane.Conformance;
using NetTeam.Device.DataPlane;

namespace NetTeam.Fuzz.Targets;

/// <summary>
/// The teams the frame-path targets decide for, built once (each has its own version, so the eBPF runner
/// publishes one only when it changes): every mode, and loadbalance with every fragment set of the
/// conformance table, by hash and by hash-to-port mapping. An input's first octet picks one.
/// </summary>
internal static class FrameSnapshots
{
    public static IReadOnlyList<TeamSnapshotData> Tx { get; } = BuildTx();

    /// <summary>Slots 0 and 3 enabled, 3 active, 5 present but not enabled (the conformance table's receive team).</summary>
    public static IReadOnlyList<TeamSnapshotData> Rx { get; } =
        [.. Enum.GetValues<ModeKind>().Select(m => new SnapshotBuilder(m).Enabled(0, 3).Txable(0, 3).Ports(5).Active(3).Build())];

    public static IReadOnlyList<int> RxSlots { get; } = [0, 3, 5];

    private static List<TeamSnapshotData> BuildTx()
    {
        List<TeamSnapshotData> all =
        [
            new SnapshotBuilder(ModeKind.None).Enabled(0, 1).Txable(0, 1).Build(),
            new SnapshotBuilder(ModeKind.Broadcast).Enabled(0, 5, 63).Txable(5, 63).Build(),
            new SnapshotBuilder(ModeKind.RoundRobin).Enabled(3, 7, 9).Txable(7, 9).Build(),
            new SnapshotBuilder(ModeKind.Random).Enabled(1, 2, 3).Txable(1, 3).Build(),
            new SnapshotBuilder(ModeKind.ActiveBackup).Enabled(0, 2).Txable(0, 2).Active(2).Build(),
        ];
        foreach (HashFragments fragments in ConformanceTable.FragmentSets)
        {
            all.Add(new SnapshotBuilder(ModeKind.LoadBalance).Enabled(0, 1, 2).Txable(0, 1, 2).Hash(fragments).Build());
            SnapshotBuilder mapped = new SnapshotBuilder(ModeKind.LoadBalance).Enabled(1, 9, 20).Txable(1, 9, 20).Hash(fragments, LbTxMethod.HashToPortMapping);
            for (int bucket = 0; bucket < TeamSnapshot.HashBuckets; bucket += 2)
            {
                mapped.Map(bucket, bucket % 4 == 0 ? 63 : 9);
            }
            all.Add(mapped.Build());
        }
        return all;
    }
}
