using NetTeam.Bpf;
using NetTeam.Interop;

namespace NetTeam.Device.DataPlane.Ebpf;

public sealed partial class TeamMaps
{
    /// <summary>
    /// Publishes a snapshot: it is written whole into the ring entry after the current one, which no program
    /// reads, and then <c>current</c> moves to it with one 4-byte update. A program reads <c>current</c> once
    /// per frame and then only that entry, so it sees the old snapshot or the new one whole. Unlike an
    /// ARRAY_OF_MAPS swap, whose update waits out an RCU grace period (maybe_wait_bpf_programs, 8-24 ms on the
    /// project machine), this returns at once: publishing is two map updates, cheap enough for the control
    /// thread. Before anything is published, <c>current</c> names entry 0, all zeros: mode none, drop.
    /// </summary>
    public BpfError Publish(in TeamSnapshotData snapshot)
    {
        uint next = (_current + 1) % SnapshotRing;
        Errno err = Snapshots.Update(next, in snapshot);
        if (snapshot.EnabledCount > 0)
        {
            // The entry is written, current still names the old one: a crash now must lose nothing.
            CrashPoint.Hit("publish");
        }
        if (err.IsSuccess)
        {
            err = Current.Update(0u, next);
        }
        if (!err.IsSuccess)
        {
            return new BpfError(err, $"publish snapshot version {snapshot.Version}");
        }
        _current = next;
        _published = true;
        return BpfError.Success;
    }

    /// <summary>The snapshot the programs read now (ENOENT before the first <see cref="Publish"/> of this process or a pinned one).</summary>
    public BpfError ReadSnapshot(out TeamSnapshotData snapshot)
    {
        snapshot = default;
        Errno err = Current.Lookup(0u, out uint current);
        if (err.IsSuccess && (!_published && current == 0))
        {
            err = Errno.ENOENT;
        }
        if (err.IsSuccess)
        {
            err = Snapshots.Lookup(current % SnapshotRing, out snapshot);
        }
        return err.IsSuccess ? BpfError.Success : new BpfError(err, "read the published snapshot");
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
