using System.Buffers.Binary;
using System.Net;
using NetTeam.Device.Frames;
using NetTeam.Interop;
using NetTeam.Runners.LinkWatchers;

namespace NetTeam.Runners.Tests;

public class NsnaPingLinkWatchTests
{
    private static readonly IPAddress Target = IPAddress.Parse("fd00::1");
    private static readonly MacAddress TargetMac = MacAddress.Parse("0a:00:00:00:00:01");
    private const string Watch = """{"name": "nsna_ping", "interval": 200, "missed_max": 2, "target_host": "fd00::1"}""";

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    /// <summary>An advertisement of <paramref name="address"/> from <paramref name="address"/>, as the target answers.</summary>
    private static byte[] Advertisement(IPAddress address) => NeighborDiscovery.BuildUnsolicitedAdvertisement(TargetMac, address);

    [Fact]
    public void SolicitsTheTargetFromTheTeamsLinkLocalAddressAndItsAdvertisementCounts()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        IPAddress linkLocal = IPAddress.Parse("fe80::1234");
        h.Links.Addresses[h.Team.IfIndex] = [IPAddress.Parse("10.0.0.1"), linkLocal];
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch);
        FakeFrameChannel ch = h.Channel(eth0);
        h.Time.Advance(TimeSpan.Zero);
        byte[] ns = Assert.Single(ch.Sent);
        Assert.True(NeighborDiscovery.TryParseSolicitation(ns, out IPAddress source, out IPAddress target));
        Assert.Equal(linkLocal, source);
        Assert.Equal(Target, target);
        // To the target's solicited-node group (ff02::1:ff00:1) and its MAC (33:33:ff:00:00:01).
        Assert.Equal(IPAddress.Parse("ff02::1:ff00:1"), new IPAddress(ns.AsSpan(14 + 24, 16)));
        Assert.Equal(MacAddress.Parse("33:33:ff:00:00:01"), new MacAddress(ns.AsSpan(0, 6)));
        Assert.Equal(h.Team.GetPort("eth0")!.Address, new MacAddress(ns.AsSpan(6, 6)));
        // With a source address, the source link-layer option is there (RFC 4861 §4.3).
        Assert.Equal(14 + 40 + 32, ns.Length);
        Assert.Equal(1, ns[14 + 40 + 24]);

        Assert.True(ch.Deliver(Advertisement(Target)));
        Assert.True(eth0.LinkWatchUp);
        Assert.True(h.Team.GetOption("user_linkup_enabled", "eth0").AsBool);
    }

    [Fact]
    public void WithoutAnAddressTheTeamSolicitsFromUnspecifiedWithoutTheLinkLayerOption()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch);
        h.Time.Advance(TimeSpan.Zero);
        byte[] ns = h.Channel(eth0).Sent[0];
        Assert.True(NeighborDiscovery.TryParseSolicitation(ns, out IPAddress source, out _));
        Assert.Equal(IPAddress.IPv6Any, source);
        Assert.Equal(14 + 40 + 24, ns.Length);
    }

    [Fact]
    public void AnAdvertisementFromAnotherHostOrWithABadChecksumDoesNotCount()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: Watch);
        FakeFrameChannel ch = h.Channel(eth0);
        ch.Deliver(Advertisement(IPAddress.Parse("fd00::99")));
        byte[] corrupt = Advertisement(Target);
        corrupt[^1] ^= 0xff;
        ch.Deliver(corrupt);
        byte[] routed = Advertisement(Target);
        routed[14 + 7] = 64; // hop limit below 255: it crossed a router (RFC 4861 §7.1.2)
        ch.Deliver(routed);
        Assert.False(eth0.LinkWatchUp);
        Assert.Equal(3, ((ProbeLinkWatch)h.Watches[eth0].Watches[0]).FramesIgnored);
    }

    [Fact]
    public void SilenceTakesTheLinkDownAndABackupHearsTheActivePortsSolicitation()
    {
        using RunnerHarness h = new("""{"name": "activebackup"}""", "eth0", "eth1");
        RunnerPort eth0 = h.AddWatched("eth0", """{"prio": 5}""", Watch);
        RunnerPort eth1 = h.AddWatched("eth1", globalWatch: Watch);
        FakeFrameChannel c0 = h.Channel(eth0);
        FakeFrameChannel c1 = h.Channel(eth1);
        h.Time.Advance(TimeSpan.Zero);
        c0.Deliver(Advertisement(Target));
        c1.Deliver(Advertisement(Target));
        Assert.Equal("eth0", h.Active);
        // Only the active port solicits; the backup hears that solicitation flooded back by the switch.
        for (int i = 0; i < 4; i++)
        {
            h.Advance(Ms(200));
            c0.Deliver(Advertisement(Target));
            c1.Deliver(c0.Sent[^1]);
        }
        Assert.Single(c1.Sent);
        Assert.True(eth1.LinkWatchUp);
        // eth0's target goes silent; missed_max intervals after its last answer was due, eth1 takes over.
        for (int i = 0; i < 3; i++)
        {
            c1.Deliver(c0.Sent[^1]);
            h.Advance(Ms(200));
        }
        Assert.False(eth0.LinkWatchUp);
        Assert.Equal("eth1", h.Active);
    }

    [Fact]
    public void StateDumpHasTeamdsNsnaPingKeys()
    {
        using RunnerHarness h = new("""{"name": "roundrobin"}""", "eth0");
        RunnerPort eth0 = h.AddWatched("eth0", globalWatch: """{"name": "nsna_ping", "target_host": "fe80::210:18ff:feaa:bbcc"}""");
        var state = h.LinkWatchState(eth0)["list"]!["link_watch_0"]!.AsObject();
        Assert.Equal(
            ["down_count", "init_wait", "interval", "missed", "missed_max", "name", "target_host", "up"],
            state.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal("fe80::210:18ff:feaa:bbcc", state["target_host"]!.GetValue<string>());
        Assert.Equal(1000, state["interval"]!.GetValue<int>());
        Assert.Equal(3, state["missed_max"]!.GetValue<int>());
        Assert.Equal(0, state["init_wait"]!.GetValue<int>());
    }

    [Fact]
    public void TheSolicitationChecksumIsRight()
    {
        byte[] ns = NeighborDiscovery.BuildSolicitation(MacAddress.Parse("02:00:00:00:00:05"), IPAddress.Parse("fe80::5"), Target);
        ReadOnlySpan<byte> ip = ns.AsSpan(14);
        int length = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        Assert.Equal(0, InternetChecksum.Ipv6(ip[8..24], ip[24..40], 58, ip.Slice(40, length)));
        Assert.Equal(255, ip[7]);
    }
}
