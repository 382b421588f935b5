using NetTeam.Device.Tests.Fakes;
using NetTeam.Interop;

namespace NetTeam.Device.Tests;

public class PortLifecycleTests
{
    [Fact]
    public void AddingAPortSavesAndAppliesTheTeamSettingsAndRemovalRestoresThem()
    {
        using TestTeam t = new();
        t.Links["team0"].Mtu = 1400;
        using TestTeam _ = t;
        t.Team.SetMtu(1400);
        t.Team.SetOption("mode", "roundrobin");
        FakeLink eth0 = t.Links["eth0"];
        eth0.Flags |= LinkFlags.Up;
        var before = eth0.Settings;

        t.Team.AddPort("eth0");
        Assert.Equal(1400, eth0.Mtu);
        Assert.Equal(t.Team.Address, eth0.Address);
        Assert.True((eth0.Flags & LinkFlags.NoArp) != 0);
        Assert.True((eth0.Flags & LinkFlags.Up) != 0);
        Assert.True(eth0.Ipv6Disabled);
        Assert.Equal(1, eth0.RpFilter);
        Assert.Contains(eth0.Index, t.DataPlane.Attached);

        t.Team.RemovePort("eth0");
        Assert.Equal(before, eth0.Settings);
        Assert.DoesNotContain(eth0.Index, t.DataPlane.Attached);
        Assert.Empty(t.Team.Ports);
    }

    [Fact]
    public void ActiveBackupLeavesPortMacsAlone()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "activebackup");
        MacAddress own = t.Links["eth0"].Address;
        t.Team.AddPort("eth0");
        Assert.Equal(own, t.Links["eth0"].Address);
        // A port whose MAC is not the team's must be promiscuous to receive the team's frames.
        Assert.True(t.Links.Promiscuous[t.Index("eth0")]);
    }

    [Fact]
    public void DisposeRestoresEveryPort()
    {
        TestTeam t = new();
        t.Team.SetOption("mode", "broadcast");
        var b0 = t.Links["eth0"].Settings;
        var b1 = t.Links["eth1"].Settings;
        t.Team.AddPort("eth0");
        t.Team.AddPort("eth1");
        t.Dispose();
        Assert.Equal(b0, t.Links["eth0"].Settings);
        Assert.Equal(b1, t.Links["eth1"].Settings);
    }

    [Fact]
    public void BadPortsAreRefusedWithAClearErrorAndLeftUntouched()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Links.Add("ppp0", LinkType.None);
        FakeLink enslaved = t.Links.Add("eth7");
        enslaved.Master = 99;
        t.Team.AddPort("eth0");
        FakeLink locked = t.Links.Add("eth8");
        t.Links.LockElsewhere(locked.Index);

        AssertRefused(t, "nosuch0", Errno.ENODEV, "No such device");
        AssertRefused(t, "lo", Errno.EINVAL, "loopback");
        AssertRefused(t, "team0", Errno.EINVAL, "itself");
        AssertRefused(t, "ppp0", Errno.EINVAL, "not an Ethernet device");
        AssertRefused(t, "eth0", Errno.EBUSY, "already a port of team0");
        AssertRefused(t, "eth7", Errno.EBUSY, "master");
        AssertRefused(t, "eth8", Errno.EBUSY, "team other0");
        Assert.Single(t.Team.Ports);
    }

    private static void AssertRefused(TestTeam t, string name, Errno errno, string message)
    {
        FakeLink? link = t.Links.GetLink(name, out Interop.LinkInfo? info).IsSuccess ? t.Links[name] : null;
        var before = link?.Settings;
        TeamException ex = Assert.Throws<TeamException>(() => t.Team.AddPort(name));
        Assert.Equal(errno, ex.Error);
        Assert.Contains(message, ex.Message);
        if (link is not null && name != "eth0")
        {
            Assert.Equal(before, link.Settings);
        }
        _ = info;
    }

    [Fact]
    public void APortThatRefusesASettingIsRolledBackCompletely()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.SetMtu(9000);
        FakeLink eth0 = t.Links["eth0"];
        var before = eth0.Settings;
        t.Links.Refusals[(eth0.Index, "mtu")] = Errno.EINVAL;
        TeamException ex = Assert.Throws<TeamException>(() => t.Team.AddPort("eth0"));
        Assert.Equal(Errno.EINVAL, ex.Error);
        Assert.Contains("MTU 9000", ex.Message);
        t.Links.Refusals.Clear();
        Assert.Equal(before, eth0.Settings);
        Assert.Empty(t.Team.Ports);
        // The lock was released: the port can be added once the problem is gone.
        t.Team.AddPort("eth0");
        Assert.Single(t.Team.Ports);
    }

    [Fact]
    public void AFailedSocketOpenRollsBackToo()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "broadcast");
        var before = t.Links["eth0"].Settings;
        t.DataPlane.AttachError = Errno.EPERM;
        Assert.Throws<TeamException>(() => t.Team.AddPort("eth0"));
        Assert.Equal(before, t.Links["eth0"].Settings);
    }

    [Fact]
    public void TeamMtuChangePropagatesAndRollsBackWhenAPortRefuses()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.AddPort("eth0");
        t.Team.AddPort("eth1");
        t.Team.SetMtu(2000);
        Assert.Equal(2000, t.Links["eth0"].Mtu);
        Assert.Equal(2000, t.Links["eth1"].Mtu);
        Assert.Equal(2000, t.Links["team0"].Mtu);

        t.Links.Refusals[(t.Index("eth1"), "mtu")] = Errno.EINVAL;
        TeamException ex = Assert.Throws<TeamException>(() => t.Team.SetMtu(3000));
        Assert.Contains("nothing changed", ex.Message);
        Assert.Equal(2000, t.Links["eth0"].Mtu);
        Assert.Equal(2000, t.Links["eth1"].Mtu);
        Assert.Equal(2000, t.Links["team0"].Mtu);
        Assert.Equal(2000, t.Team.Mtu);
    }

    [Fact]
    public void TeamAddressChangeReachesPortsThatCarryIt()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "loadbalance");
        t.Team.AddPort("eth0");
        MacAddress mac = MacAddress.Parse("02:aa:bb:cc:dd:ee");
        t.Team.SetAddress(mac);
        Assert.Equal(mac, t.Links["eth0"].Address);
        Assert.Equal(mac, t.Links["team0"].Address);
    }

    [Fact]
    public void CarrierFollowsPortLinkAndUserLinkup()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        Assert.False(t.Interface.Carrier);
        t.Team.AddPort("eth0");
        Assert.True(t.Interface.Carrier);
        t.Team.SetOption("user_linkup_enabled", "true", "eth0");
        // user_linkup defaults to false: with the override on, the port has no link and the team no carrier.
        Assert.False(t.Interface.Carrier);
        Assert.False(t.Team.Ports[0].Linkup);
        Assert.Equal(0UL, t.Team.CurrentSnapshot.TxableMask);
        t.Team.SetOption("user_linkup", "true", "eth0");
        Assert.True(t.Interface.Carrier);

        t.Team.SetOption("user_linkup_enabled", "false", "eth0");
        t.Links["eth0"].Carrier = false;
        t.Team.OnLinkEvent(new LinkEvent(LinkEventKind.NewLink, t.Links["eth0"].ToInfo()));
        Assert.False(t.Interface.Carrier);
        Assert.False(t.Team.Ports[0].Link.Up);
    }

    [Fact]
    public void APortThatVanishesIsRemoved()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.AddPort("eth0");
        t.Team.OnLinkEvent(new LinkEvent(LinkEventKind.DeleteLink, t.Links["eth0"].ToInfo()));
        Assert.Empty(t.Team.Ports);
        Assert.Contains(t.Events, e => e.Ports.Any(p => p.Removed && p.Port.Name == "eth0"));
    }

    [Fact]
    public void AnMtuChangedOutsideTheTeamIsPutBack()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.AddPort("eth0");
        t.Links["eth0"].Mtu = 1280;
        t.Team.OnLinkEvent(new LinkEvent(LinkEventKind.NewLink, t.Links["eth0"].ToInfo()));
        Assert.Equal(1500, t.Links["eth0"].Mtu);
    }

    [Fact]
    public void TheTeamsGsoLimitsAreTheSmallestPortsAndComeBackWithoutPorts()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Links["eth1"].GsoMaxSize = 16384;
        t.Links["eth1"].GsoMaxSegs = 64;
        t.Team.AddPort("eth0");
        Assert.Equal((65536, 65535), (t.Links["team0"].GsoMaxSize, t.Links["team0"].GsoMaxSegs));
        t.Team.AddPort("eth1");
        Assert.Equal((16384, 64), (t.Links["team0"].GsoMaxSize, t.Links["team0"].GsoMaxSegs));
        t.Team.RemovePort("eth1");
        t.Team.RemovePort("eth0");
        Assert.Equal((65536, 65535), (t.Links["team0"].GsoMaxSize, t.Links["team0"].GsoMaxSegs));
    }
}
