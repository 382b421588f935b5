using NetTeam.Bpf;
using NetTeam.Interop;

namespace NetTeam.Device.DataPlane.Ebpf;

public sealed partial class TeamMaps
{
    /// <summary>
    /// Publishes a snapshot: a new inner map gets the value, then one update of snapshots[0] swaps it in,
    /// so a program sees the old snapshot or the new one whole, never a mix; the old inner map is freed by
    /// the kernel after an RCU grace period, once no program holds it.
    /// </summary>
    public BpfError Publish(in TeamSnapshotData snapshot)
    {
        BpfError err = BpfMap.Create(SnapshotSpec, out BpfMap? inner);
        if (!err.IsSuccess)
        {
            return err;
        }
        using (inner)
        {
            Errno written = inner!.Update(0u, in snapshot);
            if (written.IsSuccess)
            {
                written = Snapshots.SetInnerMap(0u, inner);
            }
            return written.IsSuccess ? BpfError.Success : new BpfError(written, $"publish snapshot version {snapshot.Version}");
        }
    }

    /// <summary>The snapshot the programs read now (ENOENT before the first <see cref="Publish"/>).</summary>
    public BpfError ReadSnapshot(out TeamSnapshotData snapshot)
    {
        snapshot = default;
        Errno err = Snapshots.LookupInnerMapId(0u, out uint id);
        if (!err.IsSuccess)
        {
            return new BpfError(err, "read the published snapshot");
        }
        BpfError open = BpfMap.OpenById(id, out BpfMap? inner);
        if (!open.IsSuccess)
        {
            return open;
        }
        using (inner)
        {
            err = inner!.Lookup(0u, out snapshot);
            return err.IsSuccess ? BpfError.Success : new BpfError(err, "read the published snapshot");
        }
    }

    /// <summary>Tells the rx program on <paramref name="ifIndex"/> which slot it serves.</summary>
    public Errno SetPortSlot(int ifIndex, int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, TeamSnapshot.MaxPorts);
        return PortSlot.Update((uint)ifIndex, (uint)slot);
    }

    /// <summary>Forgets a port: its rx program (if still attached) passes every frame again.</summary>
    public Errno RemovePortSlot(int ifIndex) => PortSlot.Delete((uint)ifIndex);

    /// <summary>A slot's counters (or the team's, at <see cref="TeamStatsIndex"/>), summed over CPUs.</summary>
    public Errno ReadCounters(int index, out TeamCounters counters) => Stats.LookupSum((uint)index, out counters);

    /// <summary>Zeroes a slot's counters on every CPU (a slot handed to a new port starts from 0).</summary>
    public Errno ResetCounters(int index) => Stats.UpdatePerCpu((uint)index, new TeamCounters[PossibleCpus.Count]);

    /// <summary>Bytes sent per loadbalance bucket (lb_hash_stats), summed over CPUs, into 256 entries.</summary>
    public Errno ReadHashBytes(Span<ulong> buckets)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(buckets.Length, TeamSnapshot.HashBuckets);
        Span<ulong> one = stackalloc ulong[1];
        for (int bucket = 0; bucket < buckets.Length; bucket++)
        {
            Errno err = HashBytes.LookupSum((uint)bucket, one);
            if (!err.IsSuccess)
            {
                return err;
            }
            buckets[bucket] = one[0];
        }
        return Errno.Success;
    }

    /// <summary>Sets roundrobin's sent count on every CPU (the counter is per CPU, as bonding's XDP path has it).</summary>
    public Errno SetRoundRobinSent(ulong sent)
    {
        ulong[] perCpu = new ulong[PossibleCpus.Count];
        Array.Fill(perCpu, sent);
        return RoundRobinSent.UpdatePerCpu(0u, perCpu);
    }

    /// <summary>Roundrobin's sent count of each possible CPU.</summary>
    public Errno ReadRoundRobinSent(Span<ulong> perCpu) => RoundRobinSent.LookupPerCpu(0u, perCpu);
}
