using NetTeam.Interop;
using NetTeam.Runners.Lacp;

namespace NetTeam.Runners.Tests.Lacp;

/// <summary>Selection into aggregators (actor key, partner key, partner system) and every agg_select_policy.</summary>
public class AggregatorSelectionTests
{
    private static readonly MacAddress s_otherSystem = MacAddress.Parse("0a:1a:c0:00:00:99");

    [Fact]
    public void PortsWithTheSameKeysAndPartnerShareTheAggregatorOfTheBestPort()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        RunnerPort eth1 = l.Add("eth1");
        l.Converge(eth1, 2);
        l.Converge(eth0, 1);
        // Equal priorities and keys: the better port (our system id is the lower, so our port number, eth0) leads.
        Assert.Same(l.Port(eth0).Aggregator, l.Port(eth1).Aggregator);
        Assert.Equal(eth0.IfIndex, l.Port(eth1).Aggregator!.Id);
        Assert.True(l.Enabled(eth0) && l.Enabled(eth1));
    }

    [Fact]
    public void ADifferentLacpKeyFormsItsOwnAggregatorAndOnlyOneAggregatorIsEnabled()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        RunnerPort eth1 = l.Add("eth1", "{\"lacp_key\": 5}");
        l.Converge(eth0, 1);
        l.Converge(eth1, 2);
        Assert.NotSame(l.Port(eth0).Aggregator, l.Port(eth1).Aggregator);
        Assert.Equal(eth1.IfIndex, l.Port(eth1).Aggregator!.Id);
        Assert.True(l.Enabled(eth0));
        Assert.False(l.Enabled(eth1));
        // Selected into a standby aggregator: no Synchronization for the partner (802.1AX Standby).
        Assert.Equal((LacpState)0x07, l.LastSent(eth1).Actor.State & (LacpState)0x3f);
        Assert.Equal(5, l.LastSent(eth1).Actor.Key);

        // A new key at run time (port config update) applies at once: eth1 joins eth0.
        eth1.Config = new System.Text.Json.Nodes.JsonObject();
        l.H.Runner.PortConfigChanged(l.H, eth1);
        l.Speak(eth1, LacpHarness.PartnerInfo(2, LacpHarness.Converged));
        Assert.Same(l.Port(eth0).Aggregator, l.Port(eth1).Aggregator);
        Assert.True(l.Enabled(eth1));
    }

    [Fact]
    public void DifferentPartnerKeysOrSystemsNeverShareAnAggregator()
    {
        using LacpHarness l = new(ports: ["eth0", "eth1", "eth2"]);
        RunnerPort eth0 = l.Add("eth0");
        RunnerPort eth1 = l.Add("eth1");
        RunnerPort eth2 = l.Add("eth2");
        l.Converge(eth0, 1);
        l.Converge(eth1, 2, key: 8);
        l.Converge(eth2, 3, system: s_otherSystem);
        Assert.Equal(3, new[] { eth0, eth1, eth2 }.Select(p => l.Port(p).Aggregator).Distinct().Count());
        Assert.Equal(1, new[] { eth0, eth1, eth2 }.Count(l.Enabled));
    }

    [Fact]
    public void AnIndividualPartnerLinkIsNeverAggregated()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        RunnerPort eth1 = l.Add("eth1");
        l.Converge(eth0, 1);
        LacpState individual = LacpHarness.Converged & ~LacpState.Aggregation;
        l.Speak(eth1, LacpHarness.PartnerInfo(2, individual & ~LacpState.Synchronization));
        l.Speak(eth1, LacpHarness.PartnerInfo(2, individual));
        Assert.NotSame(l.Port(eth0).Aggregator, l.Port(eth1).Aggregator);
    }

    [Fact]
    public void ALoopedBackPortIsNotSelected()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        // Our own PDU comes back: the partner's system is the team's.
        l.Speak(eth0, l.LastSent(eth0).Actor with { State = LacpHarness.Converged });
        Assert.Equal(LacpPortState.Current, l.Port(eth0).State);
        Assert.Null(l.Port(eth0).Aggregator);
        Assert.False(l.Enabled(eth0));
        Assert.Contains(l.H.Messages, m => m.Contains("loopbacked", StringComparison.Ordinal));
    }

    [Fact]
    public void LacpPrioFollowsPortPrioritiesOfTheSystemWithTheBetterSystemId()
    {
        // Our sys_prio 1 beats the partner's 65535: our lacp_prio decides, lower is better.
        using LacpHarness l = new("\"fast_rate\": true, \"sys_prio\": 1");
        RunnerPort eth0 = l.Add("eth0", "{\"lacp_prio\": 200}");
        RunnerPort eth1 = l.Add("eth1", "{\"lacp_prio\": 100, \"lacp_key\": 1}");
        l.Converge(eth0, 1);
        l.Converge(eth1, 2);
        Assert.True(l.Enabled(eth1));
        Assert.False(l.Enabled(eth0));

        // With the partner's system better, its port priorities decide.
        using LacpHarness p = new();
        RunnerPort p0 = p.Add("eth0");
        RunnerPort p1 = p.Add("eth1", "{\"lacp_key\": 1}");
        p.Speak(p0, LacpHarness.PartnerInfo(1, (LacpState)0x07, systemPriority: 100, portPriority: 300));
        p.Speak(p0, LacpHarness.PartnerInfo(1, LacpHarness.Converged, systemPriority: 100, portPriority: 300));
        p.Speak(p1, LacpHarness.PartnerInfo(2, (LacpState)0x07, systemPriority: 100, portPriority: 10));
        p.Speak(p1, LacpHarness.PartnerInfo(2, LacpHarness.Converged, systemPriority: 100, portPriority: 10));
        Assert.True(p.Enabled(p1));
        Assert.False(p.Enabled(p0));
    }

    [Fact]
    public void LacpPrioStableKeepsTheSelectedAggregatorWhileItHasPorts()
    {
        using LacpHarness l = new("\"fast_rate\": true, \"agg_select_policy\": \"lacp_prio_stable\", \"sys_prio\": 1");
        RunnerPort eth0 = l.Add("eth0", "{\"lacp_prio\": 200}");
        RunnerPort eth1 = l.Add("eth1", "{\"lacp_prio\": 100, \"lacp_key\": 1}");
        l.Converge(eth0, 1);
        Assert.True(l.Enabled(eth0));
        // A better aggregator appears; stable keeps the one in use.
        l.Converge(eth1, 2);
        Assert.True(l.Enabled(eth0));
        Assert.False(l.Enabled(eth1));
        // When the selected aggregator loses its last port, the better one takes over.
        l.H.SetLink(eth0, false);
        Assert.True(l.Enabled(eth1));
        Assert.Equal("lacp_prio_stable", l.H.RunnerState()!["select_policy"]!.GetValue<string>());
    }

    [Fact]
    public void BandwidthPicksTheAggregatorWithTheLargestSumOfSpeeds()
    {
        using LacpHarness l = new("\"fast_rate\": true, \"agg_select_policy\": \"bandwidth\"", "eth0", "eth1", "eth2");
        RunnerPort eth0 = l.Add("eth0", speed: 15000);
        RunnerPort eth1 = l.Add("eth1", "{\"lacp_key\": 1}", speed: 10000);
        RunnerPort eth2 = l.Add("eth2", "{\"lacp_key\": 1}", speed: 10000);
        l.Converge(eth1, 2);
        l.Converge(eth0, 1);
        Assert.True(l.Enabled(eth0));
        Assert.False(l.Enabled(eth1));
        // 2 x 10G beat 15G.
        l.Converge(eth2, 3);
        Assert.True(l.Enabled(eth1) && l.Enabled(eth2));
        Assert.False(l.Enabled(eth0));
        // A speed change alone reselects.
        l.LinkUp(eth0, 40000);
        l.Converge(eth0, 1);
        Assert.True(l.Enabled(eth0));
        Assert.False(l.Enabled(eth1));
    }

    [Fact]
    public void CountPicksTheAggregatorWithTheMostPorts()
    {
        using LacpHarness l = new("\"fast_rate\": true, \"agg_select_policy\": \"count\"", "eth0", "eth1", "eth2");
        RunnerPort eth0 = l.Add("eth0", speed: 100000);
        RunnerPort eth1 = l.Add("eth1", "{\"lacp_key\": 1}", speed: 1000);
        RunnerPort eth2 = l.Add("eth2", "{\"lacp_key\": 1}", speed: 1000);
        l.Converge(eth0, 1);
        Assert.True(l.Enabled(eth0));
        l.Converge(eth1, 2);
        // One port each: the tie goes to the better lead (eth0, partner port 1).
        Assert.True(l.Enabled(eth0));
        l.Converge(eth2, 3);
        Assert.False(l.Enabled(eth0));
        Assert.True(l.Enabled(eth1) && l.Enabled(eth2));
    }

    [Fact]
    public void PortConfigPicksTheHighestPrioAndStickyKeepsItsAggregator()
    {
        using LacpHarness l = new("\"fast_rate\": true, \"agg_select_policy\": \"port_config\"", "eth0", "eth1", "eth2");
        RunnerPort eth0 = l.Add("eth0", "{\"prio\": 10, \"sticky\": true}");
        RunnerPort eth1 = l.Add("eth1", "{\"prio\": 20, \"lacp_key\": 1}");
        l.Converge(eth1, 2);
        Assert.True(l.Enabled(eth1));
        l.Converge(eth0, 1);
        Assert.True(l.Enabled(eth1));
        Assert.False(l.Enabled(eth0));
        l.H.SetLink(eth1, false);
        Assert.True(l.Enabled(eth0));
        // eth1 is back with the higher prio, but eth0 is sticky: its aggregator stays.
        l.LinkUp(eth1);
        l.Converge(eth1, 2);
        Assert.True(l.Enabled(eth0));
        Assert.False(l.Enabled(eth1));
        // Without stickiness the higher prio wins.
        eth0.Config = System.Text.Json.Nodes.JsonNode.Parse("{\"prio\": 10}")!.AsObject();
        l.H.Runner.PortConfigChanged(l.H, eth0);
        Assert.True(l.Enabled(eth1));
        Assert.False(l.Enabled(eth0));
    }

    [Fact]
    public void MinPortsHoldsTheCarrierDownUntilEnoughPortsAreEnabled()
    {
        using LacpHarness l = new("\"fast_rate\": true, \"min_ports\": 2");
        RunnerPort eth0 = l.Add("eth0");
        RunnerPort eth1 = l.Add("eth1");
        l.Converge(eth0, 1);
        Assert.True(l.Enabled(eth0));
        Assert.False(l.H.Team.Carrier);
        l.Converge(eth1, 2);
        Assert.True(l.H.Team.Carrier);
        l.H.SetLink(eth1, false);
        Assert.False(l.H.Team.Carrier);
        Assert.Contains(l.H.Messages, m => m.EndsWith("carrier changed to DOWN", StringComparison.Ordinal));
    }

    [Fact]
    public void AggregatorSelectedCanBeSetByHandOnlyToTrue()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        RunnerPort eth1 = l.Add("eth1", "{\"lacp_key\": 1}");
        l.Converge(eth0, 1);
        l.Converge(eth1, 2);
        Assert.True(l.Enabled(eth0));
        Assert.True(l.H.TrySetPortState(eth1, "aggregator.selected", "true", out string? error));
        Assert.Null(error);
        l.Speak(eth1, LacpHarness.PartnerInfo(2, LacpHarness.Converged));
        Assert.True(l.Enabled(eth1));
        Assert.False(l.Enabled(eth0));
        Assert.True(l.H.PortRunnerState(eth1)!["aggregator"]!["selected"]!.GetValue<bool>());
        // The choice holds across later selections while that aggregator exists.
        l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged));
        Assert.True(l.Enabled(eth1));

        Assert.True(l.H.TrySetPortState(eth0, "aggregator.selected", "false", out error));
        Assert.Contains("expected true", error);
        Assert.False(l.H.TrySetPortState(eth0, "selected", "true", out _));
        l.H.SetLink(eth0, false);
        Assert.True(l.H.TrySetPortState(eth0, "aggregator.selected", "true", out error));
        Assert.Contains("in no aggregator", error);
    }
}
