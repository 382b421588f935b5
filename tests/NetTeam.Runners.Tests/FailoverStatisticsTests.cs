namespace NetTeam.Runners.Tests;

/// <summary>
/// The failovers activebackup counts for netteamd's metrics: an active-port change that a port's link or verdict
/// change caused, timed from that change's event to the published snapshot, on the injected clock.
/// </summary>
public class FailoverStatisticsTests
{
    [Fact]
    public void ALinkLossOfTheActivePortIsAFailoverTimedFromItsEvent()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth0 = h.Add("eth0", """{"prio": 100}""");
        h.Add("eth1");
        Assert.Equal(0, h.Runner.Failovers.Count);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        // The device stamped the event when it arrived; the loop reached the runner 7 ms later.
        eth0.EventTimestamp = h.Time.GetTimestamp();
        h.Time.Advance(TimeSpan.FromMilliseconds(7));
        int published = h.DataPlane.Published.Count;
        h.SetLink(eth0, false);
        Assert.Equal("eth1", h.Active);
        Assert.Equal(published + 1, h.DataPlane.Published.Count);
        Assert.Equal(1, h.Runner.Failovers.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(7), h.Runner.Failovers.LastDuration);

        // The better port's return moves the active port back: a second failover, timed from its own event.
        eth0.EventTimestamp = h.Time.GetTimestamp();
        h.Time.Advance(TimeSpan.FromMilliseconds(2));
        h.SetLink(eth0, true);
        Assert.Equal("eth0", h.Active);
        Assert.Equal(2, h.Runner.Failovers.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(2), h.Runner.Failovers.LastDuration);
    }

    [Fact]
    public void AdministrativeMovesAreNotFailovers()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1", "eth2");
        h.Add("eth0", """{"prio": 100}""");
        RunnerPort eth1 = h.Add("eth1");
        h.Add("eth2", """{"prio": 200}""");
        Assert.Equal("eth2", h.Active);
        Assert.True(h.TrySetState("active_port", "eth1", out _));
        h.Remove(h.Ports.Single(p => p.Name == "eth1"));
        Assert.NotEqual("eth1", h.Active);
        Assert.Equal(0, h.Runner.Failovers.Count);
        Assert.Equal(TimeSpan.Zero, h.Runner.Failovers.LastDuration);
        _ = eth1;
    }

    [Fact]
    public void AVerdictOfTheWatchersOwnIsStampedWhenItIsReached()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth0 = h.AddWatched("eth0", """{"prio": 100, "link_watch": {"name": "ethtool", "delay_down": 100}}""");
        h.AddWatched("eth1", """{"link_watch": {"name": "ethtool"}}""");
        Assert.Equal("eth0", h.Active);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.SetCarrier(eth0, false);
        Assert.Equal("eth0", h.Active);
        h.Advance(TimeSpan.FromMilliseconds(100));
        // The delay ran out: the verdict is the event (the configured delay is not part of the failover's time).
        Assert.Equal("eth1", h.Active);
        Assert.Equal(h.Time.GetTimestamp(), eth0.EventTimestamp);
        Assert.Equal(1, h.Runner.Failovers.Count);
        Assert.Equal(1, h.Watches[eth0].Watches[0].DownCount);
        Assert.Equal(1, h.Watches[eth0].Watches[0].UpCount);
    }
}
