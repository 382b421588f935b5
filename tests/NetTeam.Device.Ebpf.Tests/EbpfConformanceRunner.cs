using NetTeam.Bpf;
using NetTeam.DataPlane.Conformance;
using NetTeam.Device.DataPlane;
using NetTeam.Device.DataPlane.Ebpf;
using NetTeam.Interop;

namespace NetTeam.Device.Ebpf.Tests;

/// <summary>
/// Runs conformance rows through the generated programs with BPF_PROG_TEST_RUN and reads the decision
/// back from the maps: the verdict, the per-slot tx counter deltas in <c>stats</c> (which slot, or slots,
/// the frame left on), the team's counters, the bucket's delta in <c>hash_bytes</c> and roundrobin's
/// <c>rr_sent</c>. Call it from inside <see cref="SlotDevices.Namespace"/>: clones and ifindexes resolve there.
/// </summary>
internal sealed class EbpfConformanceRunner : IDisposable
{
    private readonly SlotDevices _devices;
    private readonly TeamMaps _maps;
    private readonly Dictionary<(ModeKind, HashFragments), BpfProgram> _tx = [];
    private readonly Dictionary<ModeKind, BpfProgram> _rx = [];
    private ulong _published;

    public EbpfConformanceRunner(SlotDevices devices)
    {
        _devices = devices;
        BpfError err = TeamMaps.Create(out TeamMaps? maps);
        Assert.True(err.IsSuccess, err.Message);
        _maps = maps!;
        foreach (int slot in ConformanceTable.Slots)
        {
            Assert.Equal(Errno.Success, _maps.SetPortSlot(devices.IfIndex(slot), slot));
        }
    }

    public TeamMaps Maps => _maps;

    /// <summary>Null when the program did what the row expects, else what it did.</summary>
    public string? RunTx(TxCase c)
    {
        TeamSnapshotData s = Publish(c.Snapshot);
        BpfProgram program = Tx(s.ModeKind, s.HashFragments);
        if (s.ModeKind == ModeKind.RoundRobin)
        {
            Assert.Equal(Errno.Success, _maps.SetRoundRobinSent(c.RoundRobinSent));
        }
        int[] slots = [.. Enumerable.Range(0, TeamSnapshot.MaxPorts).Where(slot => s.SlotIfIndex[slot] != 0)];
        TeamCounters[] before = [.. slots.Select(Counters)];
        TeamCounters teamBefore = Counters(TeamMaps.TeamStatsIndex);
        ulong bucketBefore = c.Expected.Bucket is byte b ? HashBytes(b) : 0;

        Errno err = program.TestRun(c.Frame, out TestRunOutput? output);
        if (TestRunRefuses(c.Frame))
        {
            return err == Errno.EINVAL ? null : $"test run of a {c.Frame.Length}-byte frame: {err}, expected EINVAL";
        }
        Assert.True(err.IsSuccess, $"{c.Name}: test run {err}");

        ulong len = (ulong)c.Frame.Length;
        List<int> sent = [];
        for (int i = 0; i < slots.Length; i++)
        {
            TeamCounters d = Delta(Counters(slots[i]), before[i]);
            if (d == new TeamCounters { TxPackets = 1, TxBytes = len })
            {
                sent.Add(slots[i]);
            }
            else if (d != default)
            {
                return $"slot {slots[i]} counted {d}";
            }
        }
        TeamCounters team = Delta(Counters(TeamMaps.TeamStatsIndex), teamBefore);
        string actual = $"verdict {output!.ReturnValue}, slots [{string.Join(',', sent)}], team {team}";
        bool ok = c.Expected.Kind switch
        {
            TxDecisionKind.Drop => output.ReturnValue == TcAction.Shot && sent.Count == 0 && team == new TeamCounters { TxDropped = 1 },
            TxDecisionKind.Slot or TxDecisionKind.AllOf => Sent(output, team, len) && sent.SequenceEqual(c.Expected.Slots),
            _ => Sent(output, team, len) && sent.Count == 1 && c.Expected.Slots.Contains(sent[0]),
        };
        if (!ok)
        {
            return actual;
        }
        if (c.Expected.Bucket is byte bucket && c.Expected.Kind != TxDecisionKind.Drop && HashBytes(bucket) - bucketBefore != len)
        {
            return $"{actual}; bucket {bucket} did not get the frame's bytes (buckets that did: {BucketsWith(len)})";
        }
        return c.Expected.RoundRobinSentAfter is ulong rr ? CheckRoundRobin(c.RoundRobinSent, rr) : null;
    }

    /// <summary>Null when the rx program did what the row expects, else what it did.</summary>
    public string? RunRx(RxCase c)
    {
        TeamSnapshotData s = Publish(c.Snapshot);
        BpfProgram program = Rx(s.ModeKind);
        byte[] context = new byte[SkBuff.Size];
        BitConverter.TryWriteBytes(context.AsSpan(SkBuff.IfIndex), _devices.IfIndex(c.Slot));
        TeamCounters portBefore = Counters(c.Slot);
        TeamCounters teamBefore = Counters(TeamMaps.TeamStatsIndex);

        Errno err = program.TestRun(c.Frame, context, 1, out TestRunOutput? output);
        if (TestRunRefuses(c.Frame))
        {
            return err == Errno.EINVAL ? null : $"test run of a {c.Frame.Length}-byte frame: {err}, expected EINVAL";
        }
        Assert.True(err.IsSuccess, $"{c.Name}: test run {err}");

        TeamCounters port = Delta(Counters(c.Slot), portBefore);
        TeamCounters team = Delta(Counters(TeamMaps.TeamStatsIndex), teamBefore);
        ulong len = (ulong)c.Frame.Length;
        TeamCounters received = new() { RxPackets = 1, RxBytes = len, RxMulticast = c.Expected.Multicast ? 1UL : 0 };
        bool ok = c.Expected.Accept
            ? output!.ReturnValue == TcAction.Redirect && port == received && team == received
            : output!.ReturnValue == (IsSlowProtocols(c.Frame) ? TcAction.Ok : TcAction.Shot) && port == new TeamCounters { RxPassed = 1 } && team == default;
        return ok ? null : $"verdict {output.ReturnValue}, port {port}, team {team}";
    }

    /// <summary>
    /// Frames BPF_PROG_TEST_RUN will not build an skb from (bpf_prog_test_run_skb, Linux 6.18): shorter
    /// than an Ethernet header, or an IPv4 / IPv6 EtherType without a whole IP header behind it. Their
    /// truncations are covered behind VLAN tags, where the kernel does not look.
    /// </summary>
    public static bool TestRunRefuses(byte[] frame)
    {
        if (frame.Length < 14)
        {
            return true;
        }
        int etherType = (frame[12] << 8) | frame[13];
        return (etherType == 0x0800 && frame.Length < 34) || (etherType == 0x86dd && frame.Length < 54);
    }

    /// <summary>
    /// Publishes the row's snapshot unless it is the one published last: each publication waits for an RCU
    /// grace period in the kernel (about 10 ms here), and rows come in runs that share a snapshot.
    /// </summary>
    private TeamSnapshotData Publish(TeamSnapshotData snapshot)
    {
        TeamSnapshotData s = _devices.Localize(snapshot);
        if (s.Version != _published)
        {
            Check(_maps.Publish(s));
            _published = s.Version;
        }
        return s;
    }

    public BpfProgram Tx(ModeKind mode, HashFragments fragments)
    {
        HashFragments key = mode == ModeKind.LoadBalance ? fragments : HashFragments.None;
        if (!_tx.TryGetValue((mode, key), out BpfProgram? program))
        {
            Check(BpfProgram.Load(TxProgram.Generate(mode, key, _maps), out program));
            _tx[(mode, key)] = program!;
        }
        return program!;
    }

    public BpfProgram Rx(ModeKind mode)
    {
        if (!_rx.TryGetValue(mode, out BpfProgram? program))
        {
            Check(BpfProgram.Load(RxProgram.Generate(mode, _maps), out program));
            _rx[mode] = program!;
        }
        return program!;
    }

    public void Dispose()
    {
        foreach (BpfProgram p in _tx.Values.Concat(_rx.Values))
        {
            p.Dispose();
        }
        _maps.Dispose();
    }

    private static bool Sent(TestRunOutput output, TeamCounters team, ulong len) =>
        output.ReturnValue == TcAction.Redirect && team == new TeamCounters { TxPackets = 1, TxBytes = len };

    private string? CheckRoundRobin(ulong before, ulong after)
    {
        ulong[] perCpu = new ulong[PossibleCpus.Count];
        Assert.Equal(Errno.Success, _maps.ReadRoundRobinSent(perCpu));
        // The frame ran on one CPU: that CPU's counter moved, the others kept the value set before the run.
        int moved = perCpu.Count(v => v != before);
        bool ok = before == after ? moved == 0 : moved == 1 && perCpu.Contains(after);
        return ok ? null : $"rr_sent per CPU [{string.Join(',', perCpu)}], expected one CPU at {after} from {before}";
    }

    private TeamCounters Counters(int index)
    {
        Assert.Equal(Errno.Success, _maps.ReadCounters(index, out TeamCounters counters));
        return counters;
    }

    private ulong HashBytes(int bucket)
    {
        Span<ulong> sum = stackalloc ulong[1];
        Assert.Equal(Errno.Success, _maps.HashBytes.LookupSum((uint)bucket, sum));
        return sum[0];
    }

    private string BucketsWith(ulong len)
    {
        ulong[] all = new ulong[TeamSnapshot.HashBuckets];
        Assert.Equal(Errno.Success, _maps.ReadHashBytes(all));
        return string.Join(',', Enumerable.Range(0, all.Length).Where(b => all[b] % len == 0 && all[b] != 0));
    }

    private static TeamCounters Delta(TeamCounters now, TeamCounters then) => new()
    {
        RxPackets = now.RxPackets - then.RxPackets,
        RxBytes = now.RxBytes - then.RxBytes,
        RxDropped = now.RxDropped - then.RxDropped,
        RxMulticast = now.RxMulticast - then.RxMulticast,
        TxPackets = now.TxPackets - then.TxPackets,
        TxBytes = now.TxBytes - then.TxBytes,
        TxDropped = now.TxDropped - then.TxDropped,
        RxPassed = now.RxPassed - then.RxPassed,
    };

    private static void Check(BpfError err) => Assert.True(err.IsSuccess, err.Message);

    /// <summary>A frame the rx program leaves to ETH_P_SLOW sockets when it is not the team's (skb->protocol 0x8809).</summary>
    private static bool IsSlowProtocols(byte[] frame) => frame.Length >= 14 && frame[12] == 0x88 && frame[13] == 0x09;
}
