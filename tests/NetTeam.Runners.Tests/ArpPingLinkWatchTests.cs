using System.Buffers.Binary;
using System.Net;
using NetTeam.Device.Frames;
using NetTeam.Interop;
using NetTeam.Runners.LinkWatchers;

namespace NetTeam.Runners.Tests;

public class ArpPingLinkWatchTests
{
    private static readonly IPAddress Source = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress Target = IPAddress.Parse("192.0.2.1");
    private static readonly MacAddress TargetMac = MacAddress.Parse("0a:00:00:00:00:01");

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    private static string Watch(string extra = "") =>
        $$"""{"name": "arp_ping", "interval": 100, "missed_max": 3, "source_host": "192.0.2.2", "target_host": "192.0.2.1"{{extra}}}""";

    /// <summary>The target's answer to our probe, as a packet socket on the port delivers it.</summary>
    private static byte[] Reply(RunnerHarness h, RunnerPort port, IPAddress? from = null) =>
        new ArpPacket(ArpPacket.Reply, TargetMac, from ?? Target, h.Team.GetPort(port.Name)!.Address, Source).ToFrame(h.Team.GetPort(port.Name)!.Address);

    [Fact]
    public void ProbesAreArpRequestsFromThePortsAddressAndItsFirstAnswerBringsTheLinkUp()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch());
        FakeFrameChannel ch = h.Channel(eth0);
        Assert.Equal(0x0806, ch.Selector.EtherType);
        Assert.False(eth0.LinkWatchUp);
        // A probe watcher takes carrier over for the port (teamd_lw_psr sets user_linkup_enabled).
        Assert.True(h.Team.GetOption("user_linkup_enabled", "eth0").AsBool);
        Assert.False(h.Team.GetOption("user_linkup", "eth0").AsBool);
        Assert.False(h.Team.Carrier);

        // init_wait 0: the first probe at once (no port is enabled yet: forced_send on every port).
        h.Time.Advance(TimeSpan.Zero);
        byte[] probe = Assert.Single(ch.Sent);
        Assert.True(ArpPacket.TryParse(probe, out ArpPacket arp));
        Assert.Equal(ArpPacket.Request, arp.Operation);
        Assert.Equal(h.Team.GetPort("eth0")!.Address, arp.SenderMac);
        Assert.Equal(Source, arp.SenderIp);
        Assert.Equal(Target, arp.TargetIp);
        Assert.Equal(EthernetHeader.Broadcast, new MacAddress(probe.AsSpan(0, 6)));
        Assert.Equal(60, probe.Length);

        Assert.True(ch.Deliver(Reply(h, eth0)));
        Assert.True(eth0.LinkWatchUp);
        Assert.True(h.Enabled("eth0"));
        Assert.True(h.Team.GetOption("user_linkup", "eth0").AsBool);
        Assert.True(h.Team.Carrier);
        h.Advance(Ms(300));
        Assert.Equal(4, ch.Sent.Count);
    }

    [Fact]
    public void ASilentPeerTakesTheLinkDownAfterMissedMaxIntervalsWhatEverTheCarrierSays()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch());
        FakeFrameChannel ch = h.Channel(eth0);
        h.Time.Advance(TimeSpan.Zero);
        ch.Deliver(Reply(h, eth0));
        // The peer answers every probe for a while.
        for (int i = 0; i < 5; i++)
        {
            h.Advance(Ms(100));
            ch.Deliver(Reply(h, eth0));
        }
        Assert.True(eth0.LinkWatchUp);
        // Silence from here (carrier stays up): probe k goes unanswered, judged at the next interval.
        h.Advance(Ms(100));
        Assert.True(eth0.LinkWatchUp);
        h.Advance(Ms(200));
        Assert.True(eth0.LinkWatchUp);
        var state = h.LinkWatchState(eth0)["list"]!["link_watch_0"]!;
        Assert.Equal(2, state["missed"]!.GetValue<int>());
        h.Advance(Ms(100));
        Assert.False(eth0.LinkWatchUp);
        Assert.False(h.Enabled("eth0"));
        Assert.False(h.Team.GetOption("user_linkup", "eth0").AsBool);
        Assert.True(h.Links["eth0"].Carrier);
        Assert.Equal(1, h.Watches[eth0].Watches[0].DownCount);
        // Probes go on while every port is down, and the first answer brings the port back.
        int sent = ch.Sent.Count;
        h.Advance(Ms(500));
        Assert.Equal(sent + 5, ch.Sent.Count);
        ch.Deliver(Reply(h, eth0));
        Assert.True(eth0.LinkWatchUp);
        Assert.Equal(0, h.LinkWatchState(eth0)["list"]!["link_watch_0"]!["missed"]!.GetValue<int>());
    }

    [Fact]
    public void MissedMaxZeroMeansTheFirstMissedIntervalTakesTheLinkDown()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: """{"name": "arp_ping", "interval": 100, "missed_max": 0, "target_host": "192.0.2.1"}""");
        FakeFrameChannel ch = h.Channel(eth0);
        h.Time.Advance(TimeSpan.Zero);
        ch.Deliver(Reply(h, eth0, Target));
        h.Advance(Ms(100));
        Assert.True(eth0.LinkWatchUp);
        h.Advance(Ms(100));
        Assert.False(eth0.LinkWatchUp);
    }

    [Fact]
    public void ValidateActiveRefusesAnAnswerFromTheWrongHost()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch(""", "validate_active": true"""));
        FakeFrameChannel ch = h.Channel(eth0);
        h.Time.Advance(TimeSpan.Zero);
        // No port is enabled yet, so validate_inactive (false) applies: anything ARP counts.
        ch.Deliver(Reply(h, eth0, IPAddress.Parse("192.0.2.77")));
        Assert.True(eth0.LinkWatchUp);
        Assert.True(h.Enabled("eth0"));
        ArpPingLinkWatch watch = (ArpPingLinkWatch)h.Watches[eth0].Watches[0];
        // Now the port is enabled: only the target's own answer to us counts.
        for (int i = 0; i < 4; i++)
        {
            ch.Deliver(Reply(h, eth0, IPAddress.Parse("192.0.2.77")));
            h.Advance(Ms(100));
        }
        Assert.False(eth0.LinkWatchUp);
        Assert.Equal(4, watch.FramesIgnored);
        ch.Deliver(Reply(h, eth0, Target));
        Assert.True(eth0.LinkWatchUp);
    }

    [Fact]
    public void OnlyEnabledPortsProbeAndABackupPortHearsTheActivePortsProbeThroughTheSwitch()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth0 = h.AddWatched("eth0", """{"prio": 10}""", Watch(""", "validate_inactive": true"""));
        RunnerPort eth1 = h.AddWatched("eth1", globalWatch: Watch(""", "validate_inactive": true"""));
        FakeFrameChannel c0 = h.Channel(eth0);
        FakeFrameChannel c1 = h.Channel(eth1);
        h.Time.Advance(TimeSpan.Zero);
        // Nothing enabled: both probe (forced_send), both are answered, eth0 wins on prio.
        Assert.Single(c0.Sent);
        Assert.Single(c1.Sent);
        c0.Deliver(Reply(h, eth0));
        c1.Deliver(Reply(h, eth1));
        Assert.Equal("eth0", h.Active);
        h.Advance(Ms(100));
        Assert.Equal(2, c0.Sent.Count);
        Assert.Single(c1.Sent);

        // The backup hears eth0's broadcast request, flooded by the switch: with validate_inactive that counts,
        // a stranger's request does not.
        byte[] ourProbe = c0.Sent[^1];
        byte[] stranger = new ArpPacket(ArpPacket.Request, TargetMac, IPAddress.Parse("192.0.2.50"), default, IPAddress.Parse("192.0.2.51")).ToFrame(EthernetHeader.Broadcast);
        for (int i = 0; i < 5; i++)
        {
            c0.Deliver(Reply(h, eth0));
            c1.Deliver(ourProbe);
            c1.Deliver(stranger);
            h.Advance(Ms(100));
        }
        Assert.True(eth1.LinkWatchUp);
        Assert.Equal(5, ((ProbeLinkWatch)h.Watches[eth1].Watches[0]).FramesIgnored);

        // The active port goes silent: failover to eth1, which then probes.
        int before = c1.Sent.Count;
        for (int i = 0; i < 3; i++)
        {
            c1.Deliver(ourProbe);
            h.Advance(Ms(100));
        }
        Assert.Equal("eth1", h.Active);
        h.Advance(Ms(100));
        Assert.True(c1.Sent.Count > before);
    }

    [Fact]
    public void SendAlwaysProbesOnADisabledPortToo()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth0 = h.AddWatched("eth0", """{"prio": 10}""", Watch(""", "send_always": true"""));
        RunnerPort eth1 = h.AddWatched("eth1", globalWatch: Watch(""", "send_always": true"""));
        h.Time.Advance(TimeSpan.Zero);
        h.Channel(eth0).Deliver(Reply(h, eth0));
        h.Channel(eth1).Deliver(Reply(h, eth1));
        Assert.False(h.Enabled("eth1"));
        int sent = h.Channel(eth1).Sent.Count;
        h.Advance(Ms(300));
        Assert.Equal(sent + 3, h.Channel(eth1).Sent.Count);
    }

    [Fact]
    public void VlanIdTagsTheProbeAndOnlyAnswersOnThatVlanCount()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch(""", "vlanid": 42"""));
        FakeFrameChannel ch = h.Channel(eth0);
        Assert.Equal((ushort)42, ch.Selector.VlanId);
        h.Time.Advance(TimeSpan.Zero);
        byte[] probe = ch.Sent[0];
        Assert.Equal(0x8100, BinaryPrimitives.ReadUInt16BigEndian(probe.AsSpan(12)));
        Assert.Equal(42, BinaryPrimitives.ReadUInt16BigEndian(probe.AsSpan(14)) & 0x0fff);
        Assert.Equal(0x0806, BinaryPrimitives.ReadUInt16BigEndian(probe.AsSpan(16)));
        Assert.False(ch.Deliver(Reply(h, eth0)));
        Assert.False(ch.Deliver(Reply(h, eth0), vlanId: 7));
        Assert.False(eth0.LinkWatchUp);
        Assert.True(ch.Deliver(Reply(h, eth0), vlanId: 42));
        Assert.True(eth0.LinkWatchUp);
    }

    [Fact]
    public void TruncatedAndMalformedFramesAreCountedAndIgnored()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch());
        FakeFrameChannel ch = h.Channel(eth0);
        byte[] good = Reply(h, eth0);
        byte[] truncated = good[..30];
        byte[] badHardware = (byte[])good.Clone();
        badHardware[15] = 6;
        byte[] badOp = (byte[])good.Clone();
        badOp[21] = 9;
        byte[] runt = good[..13];
        foreach (byte[] f in new[] { truncated, badHardware, badOp })
        {
            ch.Deliver(f);
        }
        Assert.False(ch.Deliver(runt));
        Assert.False(eth0.LinkWatchUp);
        Assert.Equal(3, ((ProbeLinkWatch)h.Watches[eth0].Watches[0]).FramesIgnored);
    }

    [Fact]
    public void ATeamWhoseNeighbourIsLateComesUpWhenItAppears()
    {
        // libteam issue #8: teamd stayed down for good if the neighbour was missing at start.
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch());
        RunnerPort eth1 = h.AddWatched("eth1", globalWatch: Watch());
        h.Advance(Ms(5000));
        Assert.Equal(string.Empty, h.Active);
        Assert.True(h.Channel(eth0).Sent.Count >= 50);
        Assert.True(h.Channel(eth1).Sent.Count >= 50);
        h.Channel(eth1).Deliver(Reply(h, eth1));
        Assert.Equal("eth1", h.Active);
        Assert.True(h.Team.Carrier);
    }

    [Fact]
    public void StateDumpHasTeamdsArpPingKeys()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch());
        var state = h.LinkWatchState(eth0)["list"]!["link_watch_0"]!.AsObject();
        Assert.Equal(
            ["down_count", "init_wait", "interval", "missed", "missed_max", "name", "send_always", "source_host", "target_host", "up", "validate_active", "validate_inactive"],
            state.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal("192.0.2.2", state["source_host"]!.GetValue<string>());
        Assert.Equal("192.0.2.1", state["target_host"]!.GetValue<string>());
        Assert.Equal(100, state["interval"]!.GetValue<int>());
        Assert.Equal(3, state["missed_max"]!.GetValue<int>());
    }

    [Fact]
    public void RemovingThePortStopsItsProbesAndClosesItsChannel()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch());
        FakeFrameChannel ch = h.Channel(eth0);
        h.Time.Advance(TimeSpan.Zero);
        h.Remove(eth0);
        Assert.True(ch.Disposed);
        int sent = ch.Sent.Count;
        h.Advance(Ms(500));
        Assert.Equal(sent, ch.Sent.Count);
    }

    [Fact]
    public void WhenTheActivePortFailsSilentlyTogetherWithTheBackupsItFeedsTheBackupsProbeAndTakeOver()
    {
        // The backup only hears the active port's flooded probes; when the active port's link dies silently
        // the backup goes deaf at the same interval. Neither port is usable, so every port probes.
        // eth1 is added first so its interval ends first: the backup's verdict falls before the active port's.
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth1 = h.AddWatched("eth1", globalWatch: Watch());
        RunnerPort eth0 = h.AddWatched("eth0", """{"prio": 10}""", Watch());
        FakeFrameChannel c0 = h.Channel(eth0);
        FakeFrameChannel c1 = h.Channel(eth1);
        h.Time.Advance(TimeSpan.Zero);
        c1.Deliver(Reply(h, eth1));
        c0.Deliver(Reply(h, eth0));
        for (int i = 0; i < 3; i++)
        {
            c0.Deliver(Reply(h, eth0));
            c1.Deliver(c0.Sent[^1]);
            h.Advance(Ms(100));
        }
        Assert.Equal("eth0", h.Active);
        int backupProbes = c1.Sent.Count;
        // Silence on both: the backup goes down first, then the active one, which stays active (nothing is better).
        h.Advance(Ms(300));
        Assert.False(eth0.LinkWatchUp);
        Assert.False(eth1.LinkWatchUp);
        Assert.Equal("eth0", h.Active);
        h.Advance(Ms(100));
        Assert.True(c1.Sent.Count > backupProbes, "the backup never probed");
        // Only eth1's own probe is answered (eth0's network is dead).
        c1.Deliver(Reply(h, eth1));
        Assert.Equal("eth1", h.Active);
    }

    [Fact]
    public void InitWaitHoldsTheFirstProbeWhatEverTheRunnerDoes()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth0 = h.AddWatched("eth0", """{"prio": 10}""", Watch(""", "init_wait": 500"""));
        h.AddWatched("eth1", globalWatch: Watch(""", "init_wait": 500"""));
        h.Advance(Ms(490));
        Assert.Empty(h.Channel(eth0).Sent);
        h.Advance(Ms(20));
        Assert.Single(h.Channel(eth0).Sent);
    }

    [Fact]
    public void PortsStartedApartProbeTogetherOnTheIntervalsGridAfterTheirFirstProbe()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0", "eth1");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch());
        h.Advance(Ms(37));
        RunnerPort eth1 = h.AddWatched("eth1", globalWatch: Watch());
        h.Advance(Ms(1000));
        FakeFrameChannel c0 = h.Channel(eth0);
        FakeFrameChannel c1 = h.Channel(eth1);
        long interval = TimeSpan.FromMilliseconds(100).Ticks;
        // Each port's first probe goes out when it starts (init_wait 0), eth1's 37 ms after eth0's.
        Assert.Equal(0, c0.SentAt[0]);
        Assert.Equal(Ms(37).Ticks, c1.SentAt[0]);
        // From then on both probe at the same instants, multiples of the interval: one wake-up for the two,
        // and no drift. eth1's first interval is 63 ms (at least half an interval), eth0's a whole one.
        Assert.Equal(c0.SentAt.Skip(1).Take(9), c1.SentAt.Skip(1).Take(9));
        Assert.All(c0.SentAt, t => Assert.Equal(0, t % interval));
        Assert.Equal(Enumerable.Range(1, 10).Select(k => k * interval), c0.SentAt.Skip(1).Take(10));
    }

    [Fact]
    public void AFirstIntervalIsNeverShorterThanHalfAnInterval()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        h.Advance(Ms(71));
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch());
        h.Advance(Ms(300));
        FakeFrameChannel c0 = h.Channel(eth0);
        // Started at 71 ms: the grid point at 100 ms is 29 ms away, too soon to judge the first probe on.
        Assert.Equal(new[] { Ms(71).Ticks, Ms(200).Ticks, Ms(300).Ticks }, c0.SentAt);
    }
}
