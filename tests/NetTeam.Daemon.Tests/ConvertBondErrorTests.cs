using static NetTeam.Daemon.Tests.ConvertBondRun;

namespace NetTeam.Daemon.Tests;

/// <summary>convert-bond refuses an unknown option or a bad value: exit code 1, the option, the value and what was expected on stderr, nothing on stdout.</summary>
public class ConvertBondErrorTests
{
    [Theory]
    [InlineData("mode=802.3az", "mode: \"802.3az\" is not valid (expected balance-rr, active-backup, balance-xor, broadcast, 802.3ad, balance-tlb or balance-alb, or 0 to 6)")]
    [InlineData("mode=7", "mode: \"7\" is not valid (expected balance-rr")]
    [InlineData("mode 802.3az", "mode: \"802.3az\" is not valid (expected balance-rr")]
    [InlineData("lacp_speed=fast", "lacp_speed: unknown bonding option, given \"fast\" (expected one of mode, miimon,")]
    [InlineData("mode 1 lacp_speed fast", "lacp_speed: unknown bonding option, given \"fast\"")]
    [InlineData("miimon=fast", "miimon: \"fast\" is not valid (expected a number of milliseconds, 0 to 2147483647)")]
    [InlineData("miimon=-1", "miimon: \"-1\" is not valid (expected a number of milliseconds, 0 to 2147483647)")]
    [InlineData("mode=1 arp_interval=100", "arp_interval: \"100\" needs arp_ip_target (expected at least one address to probe")]
    [InlineData("arp_interval=100 arp_ip_target=10.1.1", "arp_ip_target: \"10.1.1\" is not valid (expected IPv4 addresses separated by commas")]
    [InlineData("arp_ip_target=10.0.0.1,nowhere", "arp_ip_target: \"10.0.0.1,nowhere\" is not valid (expected IPv4 addresses")]
    [InlineData("ns_ip6_target=10.0.0.1", "ns_ip6_target: \"10.0.0.1\" is not valid (expected IPv6 addresses")]
    [InlineData("arp_validate=sometimes", "arp_validate: \"sometimes\" is not valid (expected none, active, backup, all, filter, filter_active or filter_backup, or 0 to 6)")]
    [InlineData("arp_all_targets=most", "arp_all_targets: \"most\" is not valid (expected any or all, or 0 to 1)")]
    [InlineData("arp_missed_max=0", "arp_missed_max: \"0\" is not valid (expected a number of intervals, 1 to 255)")]
    [InlineData("xmit_hash_policy=layer5", "xmit_hash_policy: \"layer5\" is not valid (expected layer2, layer3+4, layer2+3, encap2+3, encap3+4 or vlan+srcmac, or 0 to 5)")]
    [InlineData("lacp_rate=medium", "lacp_rate: \"medium\" is not valid (expected slow or fast, or 0 to 1)")]
    [InlineData("ad_select=random", "ad_select: \"random\" is not valid (expected stable, bandwidth, count or actor_port_prio, or 0 to 3)")]
    [InlineData("fail_over_mac=always", "fail_over_mac: \"always\" is not valid (expected none, active or follow, or 0 to 2)")]
    [InlineData("primary_reselect=never", "primary_reselect: \"never\" is not valid (expected always, better or failure, or 0 to 2)")]
    [InlineData("mode=1 primary=eth9 --ports eth0,eth1", "primary: \"eth9\" is not valid (expected one of the ports, eth0, eth1)")]
    [InlineData("primary=averyveryverylongname", "primary: \"averyveryverylongname\" is not valid (expected an interface name of 1 to 15 characters)")]
    [InlineData("min_links=2000", "min_links: \"2000\" is not valid (expected a number of ports (teamd's min_ports takes at most 1024), 0 to 1024)")]
    [InlineData("num_grat_arp=256", "num_grat_arp: \"256\" is not valid (expected a number of notifications, 0 to 255)")]
    [InlineData("peer_notif_delay=300001", "peer_notif_delay: \"300001\" is not valid (expected a number of milliseconds, 0 to 300000)")]
    [InlineData("queue_id=eth1:99", "queue_id: \"eth1:99\" is not valid (expected PORT:ID with an ID of 0 to 15, such as eth1:2)")]
    [InlineData("tlb_dynamic_lb=yes", "tlb_dynamic_lb: \"yes\" is not valid (expected 0 or 1)")]
    [InlineData("ad_actor_system=02:00", "ad_actor_system: \"02:00\" is not valid (expected a MAC address such as 02:00:00:00:00:01)")]
    [InlineData("mode=1 miimon 100", "\"miimon\" is not a module option (expected name=value, such as miimon=100")]
    [InlineData("mode 1 miimon", "miimon: missing value (expected ip link's form, name value, such as miimon 100)")]
    [InlineData("ip link del bond0 type bond mode 1", "\"ip link del bond0 type bond\" is not an ip link command")]
    [InlineData("--bogus 1 mode=1", "--bogus: unknown convert-bond option (expected --ifupdown, --iface, --device or --ports)")]
    [InlineData("mode=1 --device", "--device: missing value")]
    [InlineData("mode=1 --device a-name-too-long-here", "device: \"a-name-too-long-here\" is not valid (expected an interface name of 1 to 15 characters)")]
    [InlineData("mode=1 --ports eth0,eth0", "--ports: \"eth0,eth0\" is not valid (expected interface names separated by commas, each once")]
    [InlineData("mode=1 --iface bond0", "--iface: chooses a stanza of --ifupdown FILE")]
    [InlineData("", "no bonding options (expected module options such as mode=802.3ad miimon=100")]
    public void BadInputNamesTheOptionTheValueAndTheExpectationAndPrintsNoJson(string bond, string error)
    {
        var r = RunLine(bond);
        Assert.Equal(1, r.Code);
        Assert.Empty(r.Stdout);
        Assert.StartsWith("netteamctl convert-bond: " + error, r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void IfupdownErrorsNameTheFileAndTheLine()
    {
        string bad = Fixture("interfaces-bad");
        var unknown = Run("--ifupdown", bad);
        Assert.Equal(1, unknown.Code);
        Assert.Empty(unknown.Stdout);
        Assert.StartsWith($"netteamctl convert-bond: {bad}:5: bond-lacp-speed: unknown bonding option, given \"fast\"", unknown.Stderr, StringComparison.Ordinal);

        string two = Fixture("interfaces");
        Assert.Contains($"--ifupdown {two}: several bond stanzas, bond0, bond1 (expected --iface NAME", Run("--ifupdown", two).Stderr, StringComparison.Ordinal);
        Assert.Contains("--iface eth2: eth2 is a port of bond1 (bond-master bond1; expected the bond's own stanza, --iface bond1)", Run("--ifupdown", two, "--iface", "eth2").Stderr, StringComparison.Ordinal);
        Assert.Contains("--iface lo: the stanza has no bond-* options", Run("--ifupdown", two, "--iface", "lo").Stderr, StringComparison.Ordinal);
        Assert.Contains($"--iface bond9: {two} has no \"iface bond9\" stanza (expected one of lo, bond0, bond1, eth2, eth3", Run("--ifupdown", two, "--iface", "bond9").Stderr, StringComparison.Ordinal);
        Assert.Contains("\"mode=1\": --ifupdown takes the bond's options from the file", Run("--ifupdown", two, "mode=1").Stderr, StringComparison.Ordinal);
        var missing = Run("--ifupdown", Fixture("no-such-file"));
        Assert.Equal(1, missing.Code);
        Assert.StartsWith($"netteamctl convert-bond: --ifupdown: cannot read {Fixture("no-such-file")}", missing.Stderr, StringComparison.Ordinal);
    }
}
