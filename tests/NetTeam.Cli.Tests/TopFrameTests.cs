using NetTeam.Cli.Top;
using Spectre.Console.Testing;

namespace NetTeam.Cli.Tests;

/// <summary>One frame of top, from a real teamd state dump and two statistics samples, as data and as text.</summary>
public class TopFrameTests
{
    [Fact]
    public void AFrameHasEachPortsStateAndRatesFromTheTwoSamples()
    {
        (TopSample before, TopSample after) = TopSamples.ActiveBackupPair();
        ActivePortWatch watch = new(before.Time);
        watch.Observe(before);
        watch.Observe(after);

        TopFrame frame = TopFrame.Build("team0", before, after, watch);

        Assert.Equal("activebackup", frame.Runner);
        Assert.Equal("userspace", frame.DataPlane);
        Assert.Equal("eth0", frame.ActivePort);
        Assert.Equal(TimeSpan.FromSeconds(2), frame.Interval);
        Assert.Equal(["eth0", "eth1"], frame.Ports.Select(p => p.Name));
        TopPort eth0 = frame.Ports[0];
        Assert.True(eth0.LinkUp);
        Assert.True(eth0.LinkWatchUp);
        Assert.True(eth0.Enabled);
        Assert.Equal(-1, eth0.SpeedMbps);
        Assert.Null(eth0.LacpState);
        Assert.Equal(1000, eth0.Traffic.Rates!.RxPacketsPerSecond);
        Assert.Equal(8_000_000, eth0.Traffic.Rates.RxBitsPerSecond);
        Assert.Equal(500, eth0.Traffic.Rates.TxPacketsPerSecond);
        Assert.Equal(2_000_000, eth0.Traffic.Rates.TxBitsPerSecond);
        Assert.False(frame.Ports[1].Enabled);
        Assert.Equal(10, frame.Ports[1].Traffic.Counters!.RxDropped);
        Assert.Equal(3, frame.Ports[1].Traffic.Rates!.RxDroppedPerSecond);
        Assert.Equal(8_000_000, frame.TeamTraffic.Rates!.RxBitsPerSecond);
    }

    [Fact]
    public void TheFirstFrameHasCountersButNoRatesYet()
    {
        (TopSample before, _) = TopSamples.ActiveBackupPair();

        TopFrame frame = TopFrame.Build("team0", null, before, new ActivePortWatch(before.Time));

        Assert.Null(frame.Interval);
        Assert.All(frame.Ports, p => Assert.Null(p.Traffic.Rates));
        Assert.Equal(100, frame.Ports[0].Traffic.Counters!.RxPackets);
        Assert.Contains("rates from the next sample", Render(frame, TopPane.Ports), StringComparison.Ordinal);
    }

    [Fact]
    public void ThePortsPaneShowsTheActivePortItsStateAndItsRates()
    {
        (TopSample before, TopSample after) = TopSamples.ActiveBackupPair();
        ActivePortWatch watch = new(before.Time);
        watch.Observe(before);
        watch.Observe(after);

        string text = Render(TopFrame.Build("team0", before, after, watch), TopPane.Ports);

        string[] lines = text.Split('\n');
        Assert.Contains(lines, l => l.Contains("team0", StringComparison.Ordinal) && l.Contains("runner activebackup", StringComparison.Ordinal)
            && l.Contains("data plane userspace", StringComparison.Ordinal) && l.Contains("rates over 2.0 s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("active port eth0", StringComparison.Ordinal) && l.Contains("last failover: none seen since 12:00:10", StringComparison.Ordinal)
            && l.Contains("the daemon does not report the time", StringComparison.Ordinal));
        Assert.Contains("[p ports]", text, StringComparison.Ordinal);
        string eth0 = Assert.Single(lines, l => l.Contains("* eth0", StringComparison.Ordinal));
        Assert.Equal(["*", "eth0", "up", "?/full", "up", "yes", "1.00k", "8.00", "Mbit/s", "500", "2.00", "Mbit/s", "0", "0"], Words(eth0));
        string eth1 = Assert.Single(lines, l => l.Contains("eth1", StringComparison.Ordinal));
        Assert.Equal(["eth1", "up", "?/full", "up", "no", "0", "0", "bit/s", "0", "0", "bit/s", "10", "(+3/s)", "0"], Words(eth1));
        Assert.Contains(lines, l => l.Contains("team0 (team)", StringComparison.Ordinal) && l.Contains("8.00 Mbit/s", StringComparison.Ordinal));
    }

    [Fact]
    public void AnActivePortChangeThatTopSawIsShownAsTopsOwnObservation()
    {
        (TopSample before, TopSample after) = TopSamples.ActiveBackupPair();
        after = after with { State = TopSamples.WithActivePort(after.State, "eth1") };
        ActivePortWatch watch = new(before.Time);
        watch.Observe(before);
        watch.Observe(after);

        string text = Render(TopFrame.Build("team0", before, after, watch), TopPane.Ports);

        Assert.Contains("active port eth1  last failover: 12:00:12, eth0 -> eth1 (as seen by top; the daemon does not report the time)", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l.Contains("* eth1", StringComparison.Ordinal));
    }

    [Fact]
    public void TheLacpPaneShowsEachPortsLacpStateAndTheLacpduStateBits()
    {
        TopSample lacp = TopSamples.Sample(1, TopSamples.State("lacp"), TopSamples.Statistics("ebpf", TopSamples.Counters(0, 0, 0, 0, 0, 0)), TopSamples.Enabled(("eth0", false), ("eth1", false)));
        TopFrame frame = TopFrame.Build("team0", null, lacp, new ActivePortWatch(lacp.Time));

        string ports = Render(frame, TopPane.Ports);
        string text = Render(frame, TopPane.Lacp);

        Assert.False(frame.HasActivePort);
        Assert.DoesNotContain("active port", ports, StringComparison.Ordinal);
        Assert.Contains(ports.Split('\n'), l => l.Contains("eth0", StringComparison.Ordinal) && l.Contains("defaulted", StringComparison.Ordinal));
        Assert.Contains("runner: active yes, fast rate yes, select policy lacp_prio, system priority 65535", text, StringComparison.Ordinal);
        // teamd's own dump: actor state 71 = 0x47 (activity, short timeout, aggregation, defaulted), partner 2.
        string eth0 = Assert.Single(text.Split('\n'), l => l.TrimStart().StartsWith("eth0", StringComparison.Ordinal));
        Assert.Equal(["eth0", "no", "0", "defaulted", "0", "255", "0x47", "ATG...F.", "00:00:00:00:00:00", "0", "0", "0x02", ".T......"], Words(eth0));
        Assert.Contains(LacpPane.Legend, text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLinkWatchPaneShowsEachWatcherInstance()
    {
        (TopSample before, TopSample after) = TopSamples.ActiveBackupPair();

        string text = Render(TopFrame.Build("team0", before, after, new ActivePortWatch(before.Time)), TopPane.LinkWatches);

        Assert.Contains("[w link watches]", text, StringComparison.Ordinal);
        string eth1 = Assert.Single(text.Split('\n'), l => l.TrimStart().StartsWith("eth1", StringComparison.Ordinal));
        Assert.Equal(["eth1", "up", "link_watch_0", "ethtool", "up", "0", "delay", "up", "0", "ms,", "down", "0", "ms"], Words(eth1));
    }

    [Fact]
    public void OneFrameForAScriptHasEveryPane()
    {
        (TopSample before, TopSample after) = TopSamples.ActiveBackupPair();
        TopFrame frame = TopFrame.Build("team0", before, after, new ActivePortWatch(before.Time));
        using TestConsole console = new();
        console.Profile.Width = 160;

        console.Write(TopView.RenderAll(frame));

        Assert.Contains("ports:", console.Output, StringComparison.Ordinal);
        Assert.Contains("link watches:", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("LACP", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("q quit", console.Output, StringComparison.Ordinal);
    }

    internal static string Render(TopFrame frame, TopPane pane)
    {
        using TestConsole console = new();
        console.Profile.Width = 160;
        console.Write(TopView.Render(frame, pane));
        return console.Output;
    }

    private static string[] Words(string line) => line.Split([' ', '|', '│'], StringSplitOptions.RemoveEmptyEntries);
}
