using System.Buffers.Binary;
using System.Net;
using NetTeam.Device.Frames;
using NetTeam.Device.Tests.Fakes;
using NetTeam.Interop;

namespace NetTeam.Device.Tests;

/// <summary>notify_peers and mcast_rejoin: what the team sends after a port is enabled (team_notify_peers, team_mcast_rejoin).</summary>
public class PeerNotificationTests
{
    private static readonly IPAddress V4 = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress V6 = IPAddress.Parse("fd00::3");
    private static readonly IPAddress LinkLocal = IPAddress.Parse("fe80::3");

    private sealed class UpTeam : IDisposable
    {
        public UpTeam(bool up = true)
        {
            FakeLink team = Links.Add("team0", flags: LinkFlags.Broadcast | LinkFlags.Multicast | (up ? LinkFlags.Up : 0));
            Links.Add("eth0");
            Links.Add("eth1");
            Interface = new FakeTeamInterface("team0", team.Index);
            Links.Addresses[team.Index] = [V4, V6, LinkLocal];
            Links.Groups[team.Index] = [IPAddress.Parse("224.0.0.1"), IPAddress.Parse("239.1.1.1"), IPAddress.Parse("ff02::1"), IPAddress.Parse("ff02::1:ff00:3"), IPAddress.Parse("ff05::1234"), IPAddress.Parse("ff01::2")];
            Team = new TeamDevice(Interface, Links, new FakeDataPlane(), Time, null);
        }

        public FakeLinks Links { get; } = new();

        public FakeTime Time { get; } = new();

        public FakeTeamInterface Interface { get; }

        public TeamDevice Team { get; }

        public void Dispose() => Team.Dispose();
    }

    [Fact]
    public void AnEnabledPortMakesTheTeamSendCountGratuitousArpsAndUnsolicitedAdvertisementsIntervalApart()
    {
        using UpTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.SetOption("notify_peers_count", "2");
        t.Team.SetOption("notify_peers_interval", "100");
        t.Team.AddPort("eth0");
        t.Time.Advance(TimeSpan.Zero);
        // One series: a gratuitous ARP for the IPv4 address, an advertisement per IPv6 address.
        Assert.Equal(3, t.Interface.Transmitted.Count);
        t.Time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(3, t.Interface.Transmitted.Count);
        t.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(6, t.Interface.Transmitted.Count);
        t.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(6, t.Interface.Transmitted.Count);

        MacAddress mac = t.Team.Address;
        Assert.True(ArpPacket.TryParse(t.Interface.Transmitted[0], out ArpPacket garp));
        Assert.Equal(ArpPacket.Request, garp.Operation);
        Assert.Equal(V4, garp.SenderIp);
        Assert.Equal(V4, garp.TargetIp);
        Assert.Equal(mac, garp.SenderMac);
        Assert.Equal(EthernetHeader.Broadcast, new MacAddress(t.Interface.Transmitted[0].AsSpan(0, 6)));

        Assert.True(NeighborDiscovery.TryParseAdvertisement(t.Interface.Transmitted[1], out IPAddress source, out IPAddress target));
        Assert.Equal(V6, source);
        Assert.Equal(V6, target);
        byte[] na = t.Interface.Transmitted[1];
        Assert.Equal(IPAddress.Parse("ff02::1"), new IPAddress(na.AsSpan(14 + 24, 16)));
        Assert.Equal(0x20, na[14 + 40 + 4]); // override, not solicited
        Assert.Equal(mac, new MacAddress(na.AsSpan(14 + 40 + 26, 6)));
        Assert.True(NeighborDiscovery.TryParseAdvertisement(t.Interface.Transmitted[2], out _, out IPAddress ll));
        Assert.Equal(LinkLocal, ll);
    }

    [Fact]
    public void NothingIsSentWithCountZeroOrWhileTheTeamIsDown()
    {
        using (UpTeam t = new())
        {
            t.Team.SetOption("mode", "roundrobin");
            t.Team.AddPort("eth0");
            t.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Empty(t.Interface.Transmitted);
        }
        using (UpTeam t = new(up: false))
        {
            t.Team.SetOption("mode", "roundrobin");
            t.Team.SetOption("notify_peers_count", "3");
            t.Team.AddPort("eth0");
            t.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.Empty(t.Interface.Transmitted);
        }
    }

    [Fact]
    public void AnActivePortChangeNotifiesAgain()
    {
        using UpTeam t = new();
        t.Team.SetOption("mode", "activebackup");
        t.Team.SetOption("notify_peers_count", "1");
        t.Team.AddPort("eth0");
        t.Team.AddPort("eth1");
        t.Time.Advance(TimeSpan.Zero);
        int before = t.Interface.Transmitted.Count;
        t.Team.SetOption("activeport", t.Team.GetPort("eth1")!.IfIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        t.Time.Advance(TimeSpan.Zero);
        Assert.Equal(before + 3, t.Interface.Transmitted.Count);
    }

    [Fact]
    public void McastRejoinReportsEveryJoinedGroupButAllHostsAndAllNodes()
    {
        using UpTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.SetOption("mcast_rejoin_count", "1");
        t.Team.AddPort("eth0");
        t.Time.Advance(TimeSpan.Zero);
        Assert.Equal(2, t.Interface.Transmitted.Count);

        byte[] igmp = t.Interface.Transmitted[0];
        Assert.Equal(MacAddress.Parse("01:00:5e:00:00:16"), new MacAddress(igmp.AsSpan(0, 6)));
        ReadOnlySpan<byte> ip = igmp.AsSpan(14);
        Assert.Equal(0x46, ip[0]);
        Assert.Equal(1, ip[8]);
        Assert.Equal(0, InternetChecksum.Compute(ip[..24]));
        Assert.Equal(V4, new IPAddress(ip[12..16]));
        ReadOnlySpan<byte> report = ip[24..];
        Assert.Equal(0x22, report[0]);
        Assert.Equal(0, InternetChecksum.Compute(report));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(report[6..]));
        Assert.Equal(IPAddress.Parse("239.1.1.1"), new IPAddress(report[12..16]));

        byte[] mld = t.Interface.Transmitted[1];
        Assert.Equal(MacAddress.Parse("33:33:00:00:00:16"), new MacAddress(mld.AsSpan(0, 6)));
        ReadOnlySpan<byte> ip6 = mld.AsSpan(14);
        Assert.Equal(LinkLocal, new IPAddress(ip6[8..24]));
        Assert.Equal(0, ip6[6]);
        Assert.Equal(1, ip6[7]);
        ReadOnlySpan<byte> mldReport = ip6[48..];
        Assert.Equal(143, mldReport[0]);
        Assert.Equal(0, InternetChecksum.Ipv6(ip6[8..24], ip6[24..40], 58, mldReport));
        // ff02::1 and the interface-local ff01::2 are not reported; the solicited-node and site groups are.
        Assert.Equal(2, BinaryPrimitives.ReadUInt16BigEndian(mldReport[6..]));
        Assert.Equal(IPAddress.Parse("ff02::1:ff00:3"), new IPAddress(mldReport[12..28]));
        Assert.Equal(IPAddress.Parse("ff05::1234"), new IPAddress(mldReport[32..48]));
    }
}
