using NetTeam.Device.Options;
using NetTeam.Interop;

namespace NetTeam.Device.Tests;

public class OptionTests
{
    [Fact]
    public void ANewTeamHasTheCoreOptionsWithTheKernelDefaults()
    {
        using TestTeam t = new();
        IReadOnlyList<TeamOption> options = t.Team.ListOptions();
        // Newest registration first, mode last (teamd-spec §1.3 observed listings).
        Assert.Equal(["mcast_rejoin_interval", "mcast_rejoin_count", "notify_peers_interval", "notify_peers_count", "mode"], options.Select(o => o.Name));
        Assert.Equal("*NOMODE*", t.Team.GetOption("mode").AsString);
        foreach (string name in new[] { "notify_peers_count", "notify_peers_interval", "mcast_rejoin_count", "mcast_rejoin_interval" })
        {
            OptionValue v = t.Team.GetOption(name);
            Assert.Equal(TeamOptionType.U32, v.Type);
            Assert.Equal(0u, v.AsU32);
        }
    }

    [Fact]
    public void PortOptionsHaveTheirTypesAndDefaults()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.AddPort("eth0");
        Assert.True(t.Team.GetOption("enabled", "eth0").AsBool);
        Assert.False(t.Team.GetOption("user_linkup", "eth0").AsBool);
        Assert.False(t.Team.GetOption("user_linkup_enabled", "eth0").AsBool);
        Assert.Equal(0, t.Team.GetOption("priority", "eth0").AsS32);
        Assert.Equal(0u, t.Team.GetOption("queue_id", "eth0").AsU32);
        Assert.Equal(
            ["queue_id", "priority", "user_linkup_enabled", "user_linkup", "enabled"],
            t.Team.ListOptions().Where(o => o.PortName == "eth0").Select(o => o.Name));
    }

    [Fact]
    public void SettingValuesRoundTripsForEveryType()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "activebackup");
        t.Team.AddPort("eth0");
        t.Team.SetOption("notify_peers_count", "3");
        t.Team.SetOption("notify_peers_interval", "100");
        t.Team.SetOption("mcast_rejoin_count", "2");
        t.Team.SetOption("mcast_rejoin_interval", "50");
        t.Team.SetOption("priority", "-7", "eth0");
        t.Team.SetOption("queue_id", "15", "eth0");
        t.Team.SetOption("user_linkup", "true", "eth0");
        Assert.Equal(3u, t.Team.GetOption("notify_peers_count").AsU32);
        Assert.Equal(100u, t.Team.GetOption("notify_peers_interval").AsU32);
        Assert.Equal(2u, t.Team.GetOption("mcast_rejoin_count").AsU32);
        Assert.Equal(50u, t.Team.GetOption("mcast_rejoin_interval").AsU32);
        Assert.Equal(-7, t.Team.GetOption("priority", "eth0").AsS32);
        Assert.Equal(15u, t.Team.GetOption("queue_id", "eth0").AsU32);
        Assert.True(t.Team.GetOption("user_linkup", "eth0").AsBool);
    }

    [Theory]
    [InlineData("notify_peers_count", "-1")]
    [InlineData("notify_peers_count", "abc")]
    [InlineData("notify_peers_count", "4294967296")]
    [InlineData("mode", "nosuchmode")]
    [InlineData("mode", "*NOMODE*")]
    [InlineData("mode", "a-mode-name-that-is-longer-than-31-bytes")]
    public void BadValuesAreRefusedAndChangeNothing(string name, string value)
    {
        using TestTeam t = new();
        OptionValue before = t.Team.GetOption(name);
        int events = t.Events.Count;
        TeamException ex = Assert.Throws<TeamException>(() => t.Team.SetOption(name, value));
        Assert.Equal(Errno.EINVAL, ex.Error);
        Assert.Contains(name == "mode" ? value : name, ex.Message);
        Assert.Equal(before, t.Team.GetOption(name));
        Assert.Equal(events, t.Events.Count);
    }

    [Fact]
    public void PortOptionsRefuseBadValues()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.AddPort("eth0");
        Assert.Equal(Errno.EINVAL, Assert.Throws<TeamException>(() => t.Team.SetOption("queue_id", "16", "eth0")).Error);
        Assert.Equal(Errno.EINVAL, Assert.Throws<TeamException>(() => t.Team.SetOption("enabled", "yes", "eth0")).Error);
        Assert.Equal(Errno.EINVAL, Assert.Throws<TeamException>(() => t.Team.SetOption("priority", "1.5", "eth0")).Error);
        Assert.Equal(0u, t.Team.GetOption("queue_id", "eth0").AsU32);
        Assert.True(t.Team.GetOption("enabled", "eth0").AsBool);
    }

    [Fact]
    public void UnknownOptionsAndInstancesAreNotFound()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.AddPort("eth0");
        Assert.Equal(Errno.ENOENT, Assert.Throws<TeamException>(() => t.Team.GetOption("nosuchoption")).Error);
        Assert.Equal(Errno.ENOENT, Assert.Throws<TeamException>(() => t.Team.SetOption("nosuchoption", "1")).Error);
        // enabled exists only per port; mode has no array index.
        Assert.Equal(Errno.ENOENT, Assert.Throws<TeamException>(() => t.Team.GetOption("enabled")).Error);
        Assert.Equal(Errno.ENOENT, Assert.Throws<TeamException>(() => t.Team.GetOption("mode", arrayIndex: 0)).Error);
        Assert.Equal(Errno.ENODEV, Assert.Throws<TeamException>(() => t.Team.GetOption("enabled", "eth1")).Error);
    }

    [Fact]
    public void ModeChangeIsRefusedWithPortsPresent()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.AddPort("eth0");
        TeamException ex = Assert.Throws<TeamException>(() => t.Team.SetOption("mode", "broadcast"));
        Assert.Equal(Errno.EBUSY, ex.Error);
        Assert.Equal("No ports can be present during mode change", ex.Message);
        Assert.Equal("roundrobin", t.Team.ModeName);
        t.Team.RemovePort("eth0");
        t.Team.SetOption("mode", "broadcast");
        Assert.Equal("broadcast", t.Team.ModeName);
    }

    [Fact]
    public void ActiveBackupRegistersActiveportAndRefusesANonPort()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "activebackup");
        Assert.Equal(0u, t.Team.GetOption("activeport").AsU32);
        t.Team.AddPort("eth0");
        Assert.Equal(Errno.ENOENT, Assert.Throws<TeamException>(() => t.Team.SetOption("activeport", OptionValue.FromU32(999))).Error);
        Assert.Equal(0u, t.Team.GetOption("activeport").AsU32);
        t.Team.SetOption("activeport", OptionValue.FromU32((uint)t.Index("eth0")));
        Assert.Equal((uint)t.Index("eth0"), t.Team.GetOption("activeport").AsU32);
        Assert.Equal(t.Team.CurrentSnapshot.EnabledSlots[0], t.Team.CurrentSnapshot.ActiveSlot);
    }

    [Fact]
    public void LoadBalanceRegistersItsOptionsWithDefaults()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "loadbalance");
        Assert.Equal("hash", t.Team.GetOption("lb_tx_method").AsString);
        Assert.Equal("eth,ipv4,ipv6", t.Team.GetOption("lb_tx_hash").AsString);
        Assert.Equal(0u, t.Team.GetOption("lb_stats_refresh_interval").AsU32);
        Assert.Equal(256, t.Team.ListOptions().Count(o => o.Name == "lb_tx_hash_to_port_mapping"));
        Assert.Equal(256, t.Team.ListOptions().Count(o => o.Name == "lb_hash_stats"));
        Assert.Equal(255, t.Team.ListOptions().First(o => o.Name == "lb_hash_stats").ArrayIndex);
        Assert.Equal(0u, t.Team.GetOption("lb_tx_hash_to_port_mapping", arrayIndex: 17).AsU32);
        Assert.Equal(new byte[8], t.Team.GetOption("lb_hash_stats", arrayIndex: 3).AsBinary.ToArray());
        Assert.Equal(Errno.EINVAL, Assert.Throws<TeamException>(() => t.Team.SetOption("lb_tx_method", "nosuch")).Error);
        Assert.Equal(Errno.EINVAL, Assert.Throws<TeamException>(() => t.Team.SetOption("lb_tx_hash", "eth,l2")).Error);
        Assert.Equal(Errno.EOPNOTSUPP, Assert.Throws<TeamException>(() => t.Team.SetOption("lb_hash_stats", "\\00\\00\\00\\00\\00\\00\\00\\00", arrayIndex: 0)).Error);
        t.Team.SetOption("lb_tx_hash", "l4");
        Assert.Equal("tcp,udp,sctp", t.Team.GetOption("lb_tx_hash").AsString);
    }

    [Fact]
    public void HashToPortMappingAcceptsOnlyEnabledPortsAndIsClearedOnDisable()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "loadbalance");
        t.Team.AddPort("eth0");
        t.Team.AddPort("eth1");
        uint eth1 = (uint)t.Index("eth1");
        Assert.Equal(Errno.ENODEV, Assert.Throws<TeamException>(() => t.Team.SetOption("lb_tx_hash_to_port_mapping", OptionValue.FromU32(12345), arrayIndex: 7)).Error);
        t.Team.SetOption("lb_tx_method", "hash_to_port_mapping");
        t.Team.SetOption("lb_tx_hash_to_port_mapping", OptionValue.FromU32(eth1), arrayIndex: 7);
        Assert.Equal(eth1, t.Team.GetOption("lb_tx_hash_to_port_mapping", arrayIndex: 7).AsU32);
        int slot = t.Team.CurrentSnapshot.HashToSlot[7];
        Assert.True(slot >= 0);
        t.Team.SetOption("enabled", "false", "eth1");
        Assert.Equal(0u, t.Team.GetOption("lb_tx_hash_to_port_mapping", arrayIndex: 7).AsU32);
        Assert.Equal(-1, t.Team.CurrentSnapshot.HashToSlot[7]);
        Assert.Equal(Errno.ENODEV, Assert.Throws<TeamException>(() => t.Team.SetOption("lb_tx_hash_to_port_mapping", OptionValue.FromU32(eth1), arrayIndex: 7)).Error);
    }

    [Fact]
    public void LbStatsRefreshReportsBytesPerHashAndPortEachPeriod()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "loadbalance");
        t.Team.AddPort("eth0");
        t.Team.SetOption("lb_stats_refresh_interval", "10");
        t.DataPlane.HashBytes[5] = 1500;
        t.Events.Clear();
        t.Time.Advance(TimeSpan.FromSeconds(1.05));
        byte[] stats = t.Team.GetOption("lb_hash_stats", arrayIndex: 5).AsBinary.ToArray();
        Assert.Equal(1500L, BitConverter.ToInt64(stats));
        Assert.Contains(t.Events, e => e.Options.Any(o => o.Name == "lb_hash_stats" && o.ArrayIndex == 5 && o.Changed));
        // The next period saw no new bytes: the stat drops to zero and changes again.
        t.Time.Advance(TimeSpan.FromSeconds(1.05));
        Assert.Equal(0L, BitConverter.ToInt64(t.Team.GetOption("lb_hash_stats", arrayIndex: 5).AsBinary));
    }

    [Fact]
    public void ValuesPrintAsTeamnlPrintsThem()
    {
        Assert.Equal("true", OptionValue.FromBool(true).ToString());
        Assert.Equal("4294967295", OptionValue.FromU32(uint.MaxValue).ToString());
        Assert.Equal("-5", OptionValue.FromS32(-5).ToString());
        Assert.Equal("\\20\\00\\ff", OptionValue.FromBinary([0x20, 0, 0xff]).ToString());
        Assert.True(OptionValue.TryParse(TeamOptionType.Binary, "\\20\\00\\ff", out OptionValue b, out _));
        Assert.Equal(new byte[] { 0x20, 0, 0xff }, b.AsBinary.ToArray());
        Assert.False(OptionValue.TryParse(TeamOptionType.Binary, "\\2", out _, out _));
    }
}
