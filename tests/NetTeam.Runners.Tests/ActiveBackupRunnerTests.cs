using NetTeam.Device.Options;
using NetTeam.Interop;

namespace NetTeam.Runners.Tests;

public class ActiveBackupRunnerTests
{
    [Fact]
    public void TheHigherPrioPortIsActiveAndTheOnlyEnabledOne()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth0 = h.Add("eth0", """{"prio": -10}""");
        Assert.Equal("eth0", h.Active);
        h.Add("eth1", """{"prio": 100}""");
        Assert.Equal("eth1", h.Active);
        Assert.True(h.Enabled("eth1"));
        Assert.False(h.Enabled("eth0"));
        Assert.Equal((uint)h.Team.GetPort("eth1")!.IfIndex, h.Team.GetOption("activeport").AsU32);
        _ = eth0;
    }

    [Fact]
    public void AnActivePortSwitchPublishesOneSnapshotWithNoIntermediateState()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        h.Add("eth0", """{"prio": 10}""");
        h.Add("eth1");
        Assert.Equal("eth0", h.Active);
        int slot1 = h.DataPlane.Snapshot.ActiveSlot == 0 ? 1 : 0;
        int before = h.DataPlane.Published.Count;
        Assert.True(h.TrySetState("active_port", "eth1", out string? error));
        Assert.Null(error);
        // Enable eth1, point activeport at it, disable eth0: one update, one snapshot.
        List<Device.DataPlane.TeamSnapshot> seen = h.DataPlane.Published[before..];
        Device.DataPlane.TeamSnapshot only = Assert.Single(seen);
        Assert.Equal(slot1, only.ActiveSlot);
        Assert.Equal(1UL << slot1, only.EnabledMask);
        Assert.Equal("eth1", h.Active);
    }

    [Fact]
    public void FailoverAndPreemptionFollowTeamdsGoldenRun()
    {
        // teamd-spec §2.4 observed: eth0 prio 100 sticky, eth1 prio -10.
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth0 = h.Add("eth0", """{"prio": 100, "sticky": true}""");
        RunnerPort eth1 = h.Add("eth1", """{"prio": -10}""");
        Assert.Equal("eth0", h.Active);
        h.SetLink(eth0, false);
        Assert.Equal("eth1", h.Active);
        Assert.True(h.Enabled("eth1"));
        Assert.False(h.Enabled("eth0"));
        h.SetLink(eth0, true);
        Assert.Equal("eth0", h.Active);
        h.SetLink(eth1, false);
        h.SetLink(eth1, true);
        Assert.Equal("eth0", h.Active);
    }

    [Fact]
    public void AStickyActivePortIsNotPreempted()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth0 = h.Add("eth0", """{"prio": 0, "sticky": true}""");
        RunnerPort eth1 = h.Add("eth1", """{"prio": 50}""");
        // eth1 is better, but eth0 came first and is sticky.
        Assert.Equal("eth0", h.Active);
        h.SetLink(eth0, false);
        Assert.Equal("eth1", h.Active);
        _ = eth1;
    }

    [Fact]
    public void PrioBeatsSpeedUnlikeTeamdsQuirk()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "fast", "preferred");
        h.Add("fast", """{"prio": 0}""", speed: 100000);
        h.Add("preferred", """{"prio": 10}""", speed: 1000);
        Assert.Equal("preferred", h.Active);
    }

    [Fact]
    public void EqualPrioPrefersSpeedAndKeepsTheCurrentPortOnATie()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "a", "b", "c");
        h.Add("a", speed: 1000);
        h.Add("b", speed: 10000);
        Assert.Equal("b", h.Active);
        h.Add("c", speed: 10000);
        Assert.Equal("b", h.Active);
    }

    [Fact]
    public void NoPortWithLinkMeansNoChangeUntilOneComesBack()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0");
        RunnerPort eth0 = h.Add("eth0");
        h.SetLink(eth0, false);
        Assert.Equal("eth0", h.Active);
        h.SetLink(eth0, true);
        Assert.Equal("eth0", h.Active);
        Assert.True(h.Enabled("eth0"));
    }

    [Fact]
    public void RemovingTheActivePortHandsOver()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth0 = h.Add("eth0", """{"prio": 10}""");
        h.Add("eth1");
        h.Remove(eth0);
        Assert.Equal("eth1", h.Active);
        Assert.True(h.Enabled("eth1"));
    }

    [Fact]
    public void StateItemSetSwitchesAndRefusesANonPort()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        h.Add("eth0", """{"prio": 10}""");
        h.Add("eth1");
        Assert.True(h.TrySetState("active_port", "eth1", out string? error));
        Assert.Null(error);
        Assert.Equal("eth1", h.Active);
        Assert.True(h.TrySetState("active_port", "nosuch0", out error));
        Assert.Contains("nosuch0", error);
        Assert.Equal("eth1", h.Active);
        Assert.False(h.TrySetState("something_else", "x", out _));
    }

    [Fact]
    public void HwaddrPolicySameAllGivesEveryPortTheTeamAddress()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        h.Add("eth0");
        h.Add("eth1");
        Assert.Equal(h.Team.Address, h.Links["eth0"].Address);
        Assert.Equal(h.Team.Address, h.Links["eth1"].Address);
    }

    [Fact]
    public void HwaddrPolicyByActiveGivesTheTeamTheActivePortsAddress()
    {
        using RunnerHarness h = new("""{"name": "activebackup", "hwaddr_policy": "by_active"}""", "eth0", "eth1");
        MacAddress eth0Mac = h.Links["eth0"].Address;
        MacAddress eth1Mac = h.Links["eth1"].Address;
        RunnerPort eth0 = h.Add("eth0", """{"prio": 10}""");
        h.Add("eth1");
        Assert.Equal(eth0Mac, h.Team.Address);
        h.SetLink(eth0, false);
        Assert.Equal(eth1Mac, h.Team.Address);
    }

    [Fact]
    public void HwaddrPolicyOnlyActiveMovesTheTeamAddressWithTheActivePort()
    {
        using RunnerHarness h = new("""{"name": "activebackup", "hwaddr_policy": "only_active"}""", "eth0", "eth1");
        MacAddress eth0Own = h.Links["eth0"].Address;
        RunnerPort eth0 = h.Add("eth0", """{"prio": 10}""");
        h.Add("eth1");
        Assert.Equal(h.Team.Address, h.Links["eth0"].Address);
        Assert.NotEqual(h.Team.Address, h.Links["eth1"].Address);
        h.SetLink(eth0, false);
        Assert.Equal(h.Team.Address, h.Links["eth1"].Address);
        Assert.Equal(eth0Own, h.Links["eth0"].Address);
    }
}
