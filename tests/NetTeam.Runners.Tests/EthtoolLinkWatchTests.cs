using NetTeam.Runners.LinkWatchers;

namespace NetTeam.Runners.Tests;

public class EthtoolLinkWatchTests
{
    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void FollowsCarrierAtOnceWithoutDelaysAndCountsDowns()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0");
        Assert.True(eth0.LinkWatchUp);
        h.SetCarrier(eth0, false);
        Assert.False(eth0.LinkWatchUp);
        Assert.False(h.Enabled("eth0"));
        h.SetCarrier(eth0, true);
        Assert.True(eth0.LinkWatchUp);
        Assert.True(h.Enabled("eth0"));
        h.SetCarrier(eth0, false);
        var dump = h.LinkWatchState(eth0)["list"]!["link_watch_0"]!;
        Assert.Equal(2, dump["down_count"]!.GetValue<int>());
        Assert.False(dump["up"]!.GetValue<bool>());
        // The ethtool watcher leaves carrier to the kernel's own view (observed teamd 1.31).
        Assert.False(h.Team.GetOption("user_linkup_enabled", "eth0").AsBool);
    }

    [Fact]
    public void DelayDownHoldsTheLinkUpForItsDurationAndAFlapInsideItIsForgotten()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: """{"name": "ethtool", "delay_down": 1000}""");
        h.SetCarrier(eth0, false);
        h.Time.Advance(Ms(999));
        Assert.True(eth0.LinkWatchUp);
        h.Time.Advance(Ms(1));
        Assert.False(eth0.LinkWatchUp);

        h.SetCarrier(eth0, true);
        Assert.True(eth0.LinkWatchUp);
        // Down and back up within the delay: never reported.
        h.SetCarrier(eth0, false);
        h.Time.Advance(Ms(500));
        h.SetCarrier(eth0, true);
        h.Time.Advance(Ms(2000));
        Assert.True(eth0.LinkWatchUp);
        Assert.Equal(1, h.Watches[eth0].Watches[0].DownCount);
    }

    [Fact]
    public void DelayUpKeepsAReturningPortOutUntilItHasStayedUp()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        const string Watch = """{"name": "ethtool", "delay_up": 2500, "delay_down": 0}""";
        RunnerPort eth0 = h.AddWatched("eth0", """{"prio": 10}""", Watch);
        h.AddWatched("eth1", globalWatch: Watch);
        Assert.Equal("eth0", h.Active);
        h.SetCarrier(eth0, false);
        Assert.Equal("eth1", h.Active);
        h.SetCarrier(eth0, true);
        h.Time.Advance(Ms(2499));
        Assert.Equal("eth1", h.Active);
        h.Time.Advance(Ms(1));
        // eth0 has the higher prio and is back: activebackup pre-empts.
        Assert.Equal("eth0", h.Active);
        var state = h.LinkWatchState(eth0)["list"]!["link_watch_0"]!;
        Assert.Equal(2500, state["delay_up"]!.GetValue<int>());
        Assert.Equal(0, state["delay_down"]!.GetValue<int>());
    }

    [Fact]
    public void PolicyAllNeedsEveryWatcherAndAnyNeedsOne()
    {
        const string Watches = """[{"name": "ethtool"}, {"name": "arp_ping", "target_host": "192.0.2.1", "interval": 100}]""";
        using RunnerHarness any = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort a = any.AddWatched("eth0", globalWatch: Watches, policyAll: false);
        using RunnerHarness all = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort b = all.AddWatched("eth0", globalWatch: Watches, policyAll: true);
        // Carrier is up, arp_ping has no answer yet.
        Assert.True(a.LinkWatchUp);
        Assert.False(b.LinkWatchUp);
        Assert.False(all.Enabled("eth0"));
        // Both watchers probe-watch the port, so its user_linkup carries the combined verdict.
        Assert.True(any.Team.GetOption("user_linkup_enabled", "eth0").AsBool);
        Assert.True(any.Team.GetOption("user_linkup", "eth0").AsBool);
        Assert.False(all.Team.GetOption("user_linkup", "eth0").AsBool);
        Assert.False(all.Team.Carrier);
    }

    [Fact]
    public void PerPortWatchersComeBeforeTheGlobalOnes()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched(
            "eth0",
            """{"link_watch": {"name": "arp_ping", "target_host": "192.0.2.9"}}""",
            """{"name": "ethtool"}""");
        IReadOnlyList<LinkWatch> w = h.Watches[eth0].Watches;
        Assert.Equal(["arp_ping", "ethtool"], w.Select(x => x.Name));
        var list = h.LinkWatchState(eth0)["list"]!.AsObject();
        Assert.Equal("arp_ping", list["link_watch_0"]!["name"]!.GetValue<string>());
        Assert.Equal("ethtool", list["link_watch_1"]!["name"]!.GetValue<string>());
    }
}
