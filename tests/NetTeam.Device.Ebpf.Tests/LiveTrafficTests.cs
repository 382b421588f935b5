using System.Buffers.Binary;
using NetTeam.Bpf;
using NetTeam.Bpf.Asm;
using NetTeam.DataPlane.Conformance;
using NetTeam.Device.DataPlane;
using NetTeam.Device.DataPlane.Ebpf;
using NetTeam.Interop;
using static NetTeam.Bpf.Asm.Register;

namespace NetTeam.Device.Ebpf.Tests;

/// <summary>The generated programs on tcx links carrying real traffic (ping) both ways, through failover and a mode change.</summary>
public sealed class LiveTrafficTests
{
    [Fact]
    public void ActiveBackupCarriesPingAndFailsOver()
    {
        using LiveTeam team = new();
        team.Publish(new SnapshotBuilder(ModeKind.ActiveBackup).Enabled(0, 1).Txable(0, 1).Active(0));
        team.Attach(ModeKind.ActiveBackup, HashFragments.None);

        Assert.True(team.Ping(3));
        TeamCounters p0 = team.Counters(0);
        Assert.True(p0.TxPackets >= 3 && p0.RxPackets >= 3, $"p0 {p0}");
        Assert.Equal(0UL, team.Counters(1).TxPackets);
        TeamCounters t = team.Counters(TeamMaps.TeamStatsIndex);
        Assert.Equal((p0.TxPackets, p0.RxPackets), (t.TxPackets, t.RxPackets));

        // Failover: the next frames leave by p1, and p1's frames reach the team; p0's are left with p0.
        team.Publish(new SnapshotBuilder(ModeKind.ActiveBackup).Enabled(0, 1).Txable(1).Active(1));
        Assert.True(team.Ping(3));
        TeamCounters p1 = team.Counters(1);
        Assert.True(p1.TxPackets >= 3 && p1.RxPackets >= 3, $"p1 {p1}");
        Assert.Equal(p0.TxPackets, team.Counters(0).TxPackets);

        // A mode change swaps every link's program without detaching: roundrobin over both ports.
        team.Publish(new SnapshotBuilder(ModeKind.RoundRobin).Enabled(0, 1).Txable(0, 1));
        team.ChangeMode(ModeKind.RoundRobin, HashFragments.None);
        TeamCounters before0 = team.Counters(0);
        TeamCounters before1 = team.Counters(1);
        Assert.True(team.Ping(4));
        Assert.True(team.Counters(0).TxPackets > before0.TxPackets && team.Counters(1).TxPackets > before1.TxPackets);
    }

    [Fact]
    public void ADisabledPortsFramesDoNotReachTheTeam()
    {
        using LiveTeam team = new();
        team.Publish(new SnapshotBuilder(ModeKind.Broadcast).Enabled(0).Txable(0).Ports(1));
        team.Attach(ModeKind.Broadcast, HashFragments.None);
        Assert.True(team.Ping(2));
        // The bridge floods the ARP broadcast back through q1 to p1: p1 is not enabled, so it is dropped
        // (RX_HANDLER_EXACT: packet taps saw it, the stacks of neither the port nor the team do).
        Assert.True(team.Counters(1).RxPassed > 0, $"p1 {team.Counters(1)}");
        Assert.Equal(0UL, team.Counters(1).RxPackets);
    }

    /// <summary>
    /// Frames on team0 whose outer tag is kept beside the frame (skb->vlan_present at tcx egress, as tx-vlan
    /// offload on the TAP leaves it; pushed here by a program ahead of the team's with bpf_skb_vlan_push,
    /// since this kernel has no 802.1Q devices) hash as TxHash hashes the frame with every tag inline, as
    /// the userspace plane reads it from the TAP. With two pushes the first tag is inline, the second beside.
    /// </summary>
    [Theory]
    [InlineData(new[] { 100 })]
    [InlineData(new[] { 100, 200 })]
    public void VlanTagBesideTheFrameHashesAsIfInline(int[] pushes)
    {
        using LiveTeam team = new();
        HashFragments fragments = HashFragments.Eth | HashFragments.Vlan | HashFragments.Ipv4;
        team.Team.Ip("neigh", "add", "10.214.2.99", "lladdr", "02:00:00:00:03:02", "dev", "team0");
        team.Publish(new SnapshotBuilder(ModeKind.LoadBalance).Enabled(0, 1).Txable(0, 1).Hash(fragments));
        using BpfMap seen = AttachTagger(team, pushes);
        team.Attach(ModeKind.LoadBalance, fragments);
        Tool.Try("ip", "netns", "exec", team.Team.Name, "ping", "-n", "-c", "1", "-W", "0.2", "10.214.2.99");
        Assert.Equal(Errno.Success, seen.Lookup(0u, out uint vlanPresent));
        Assert.Equal(1u, vlanPresent);

        byte[] mac = Convert.FromHexString(team.Team.Ip("-br", "link", "show", "team0").Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].Replace(":", string.Empty, StringComparison.Ordinal));
        (ushort, ushort)[] tags = [.. pushes.Reverse().Select(tci => ((ushort)0x8100, (ushort)tci))];
        byte[] ip = FrameBuilder.Ipv4(1, 0x0ad60201, 0x0ad60263, new byte[8]);
        byte expected = TxHash.Bucket(FrameBuilder.Ethernet([0x02, 0, 0, 0, 0x03, 0x02], mac, 0x0800, ip, tags), fragments);
        ulong[] buckets = new ulong[TeamSnapshot.HashBuckets];
        Assert.Equal(Errno.Success, team.Maps.ReadHashBytes(buckets));
        int[] used = [.. Enumerable.Range(0, buckets.Length).Where(b => buckets[b] != 0)];
        Assert.Equal([expected], used);
    }

    /// <summary>
    /// An egress program on team0 ahead of the team's: pushes the tags with bpf_skb_vlan_push, records
    /// skb->vlan_present after, and hands the frame on (TCX_NEXT).
    /// </summary>
    private static BpfMap AttachTagger(LiveTeam team, int[] pushes)
    {
        Assert.True(BpfMap.Create(MapSpec.Array<uint>("vlan_seen", 1), out BpfMap? seen).IsSuccess);
        Assembler a = new();
        a.Mov64(R6, R1);
        foreach (int tci in pushes)
        {
            // long bpf_skb_vlan_push(skb, __be16 vlan_proto, u16 vlan_tci)
            a.Mov64(R1, R6);
            a.Mov64(R2, 0x0081); // htons(ETH_P_8021Q)
            a.Mov64(R3, tci);
            a.Call(Helper.SkbVlanPush);
        }
        a.Load(Width.Word, R7, R6, SkBuff.VlanPresent);
        a.StoreImm(Width.Word, R10, -4, 0);
        a.MapLookup(seen!, -4);
        a.Jump(JumpOp.Eq, R0, 0, "out");
        a.Store(Width.Word, R0, 0, R7);
        a.Label("out");
        a.Return(TcAction.TcxNext);
        BpfProgram tagger = team.Load(new ProgramSpec("t_vlan_push", Interop.Bpf.BpfProgramType.SchedCls, a.Build()));
        team.Team.Run(() => team.AttachOne(tagger, team.TeamIfIndex, TcxDirection.Egress));
        return seen!;
    }
}
