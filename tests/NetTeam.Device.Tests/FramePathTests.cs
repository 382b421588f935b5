using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Tests;

public class FramePathTests
{
    private static readonly byte[] s_frame = Frames.Udp4(0x0a000001, 0x0a000002, 1000, 2000);

    private static class Decision
    {
        public const int Drop = -1;
        public const int AllTxable = -2;
    }

    private static TeamSnapshot Snapshot(ModeKind mode, int[] enabled, ulong txable, int active = -1, LbTxMethod method = LbTxMethod.Hash, sbyte[]? map = null) =>
        TeamSnapshot.Create(mode, enabled, txable, active, method, HashFragments.Default, map, default, 0, 1);

    /// <summary>The decision as a slot, <see cref="Decision.Drop"/> or <see cref="Decision.AllTxable"/>.</summary>
    private static int SelectTx(TeamSnapshot s, byte[] frame, ref TxState state, out byte hash)
    {
        TxDecision d = FramePath.SelectTx(s.Data, frame, ref state);
        hash = d.Bucket;
        return d.Action switch
        {
            TxAction.Port => d.Slot,
            TxAction.AllTxable => Decision.AllTxable,
            _ => Decision.Drop,
        };
    }

    private static bool AcceptRx(TeamSnapshot s, int slot, byte[] frame) => FramePath.AcceptRx(s.Data, slot, frame);

    [Fact]
    public void NoModeDropsEverything()
    {
        TxState state = new(1);
        TeamSnapshot s = Snapshot(ModeKind.None, [0, 1], 0b11);
        Assert.Equal(Decision.Drop, SelectTx(s, s_frame, ref state, out _));
        Assert.False(AcceptRx(s, 0, s_frame));
    }

    [Fact]
    public void BroadcastSendsOnAllTxablePortsAndDropsWithoutOne()
    {
        TxState state = new(1);
        Assert.Equal(Decision.AllTxable, SelectTx(Snapshot(ModeKind.Broadcast, [0, 1], 0b01), s_frame, ref state, out _));
        Assert.Equal(Decision.Drop, SelectTx(Snapshot(ModeKind.Broadcast, [0, 1], 0), s_frame, ref state, out _));
    }

    [Fact]
    public void RoundRobinCyclesOverEnabledPortsAndSkipsOnesWithoutLink()
    {
        TxState state = new(1);
        TeamSnapshot all = Snapshot(ModeKind.RoundRobin, [3, 5, 7], (1UL << 3) | (1UL << 5) | (1UL << 7));
        int[] picks = [.. Enumerable.Range(0, 6).Select(i => SelectTx(all, s_frame, ref state, out _))];
        Assert.Equal([3, 5, 7, 3, 5, 7], picks);

        // Slot 5 lost its link: its turn goes to the next txable port (team_get_first_port_txable_rcu).
        TxState state2 = new(1);
        TeamSnapshot degraded = Snapshot(ModeKind.RoundRobin, [3, 5, 7], (1UL << 3) | (1UL << 7));
        int[] picks2 = [.. Enumerable.Range(0, 3).Select(i => SelectTx(degraded, s_frame, ref state2, out _))];
        Assert.Equal([3, 7, 7], picks2);
    }

    [Fact]
    public void RandomUsesEveryPortAndIsDeterministicForASeed()
    {
        TeamSnapshot s = Snapshot(ModeKind.Random, [0, 1, 2], 0b111);
        TxState a = new(42);
        TxState b = new(42);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++)
        {
            int pa = SelectTx(s, s_frame, ref a, out _);
            int pb = SelectTx(s, s_frame, ref b, out _);
            Assert.Equal(pa, pb);
            counts[pa]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void ActiveBackupSendsOnlyOnTheActivePortAndAcceptsOnlyFromIt()
    {
        TxState state = new(1);
        TeamSnapshot s = Snapshot(ModeKind.ActiveBackup, [0, 1], 0b11, active: 1);
        Assert.Equal(1, SelectTx(s, s_frame, ref state, out _));
        Assert.True(AcceptRx(s, 1, s_frame));
        Assert.False(AcceptRx(s, 0, s_frame));
        TeamSnapshot none = Snapshot(ModeKind.ActiveBackup, [0, 1], 0b11, active: -1);
        Assert.Equal(Decision.Drop, SelectTx(none, s_frame, ref state, out _));
    }

    [Fact]
    public void LoadBalanceHashesOverEnabledPortsAndHonoursTheMapping()
    {
        TxState state = new(1);
        TeamSnapshot s = Snapshot(ModeKind.LoadBalance, [2, 4], 0b10100);
        int port = SelectTx(s, s_frame, ref state, out byte hash);
        Assert.Equal(TxHash.Bucket(s_frame, HashFragments.Default), hash);
        Assert.Equal(hash % 2 == 0 ? 2 : 4, port);

        sbyte[] map = new sbyte[TeamSnapshot.HashBuckets];
        Array.Fill(map, (sbyte)-1);
        map[hash] = 9;
        TeamSnapshot mapped = Snapshot(ModeKind.LoadBalance, [2, 4], 0b10100, method: LbTxMethod.HashToPortMapping, map: map);
        Assert.Equal(9, SelectTx(mapped, s_frame, ref state, out _));

        // An unmapped bucket falls back to the hash method.
        TeamSnapshot unmapped = Snapshot(ModeKind.LoadBalance, [2, 4], 0b10100, method: LbTxMethod.HashToPortMapping);
        Assert.Equal(port, SelectTx(unmapped, s_frame, ref state, out _));
    }

    [Fact]
    public void LoadBalanceKeepsLacpdusOnThePort()
    {
        TeamSnapshot s = Snapshot(ModeKind.LoadBalance, [0], 1);
        byte[] lacpdu = new byte[124];
        new byte[] { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x02 }.CopyTo(lacpdu, 0);
        lacpdu[12] = 0x88;
        lacpdu[13] = 0x09;
        Assert.False(AcceptRx(s, 0, lacpdu));
        Assert.True(AcceptRx(s, 0, s_frame));
    }

    [Theory]
    [InlineData(ModeKind.Broadcast)]
    [InlineData(ModeKind.RoundRobin)]
    [InlineData(ModeKind.Random)]
    [InlineData(ModeKind.LoadBalance)]
    public void DisabledPortsDeliverNothingToTheTeam(ModeKind mode)
    {
        TeamSnapshot s = Snapshot(mode, [0], 0b11);
        Assert.True(AcceptRx(s, 0, s_frame));
        Assert.False(AcceptRx(s, 1, s_frame));
    }
}
