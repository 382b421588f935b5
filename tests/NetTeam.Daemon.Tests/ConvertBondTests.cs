using System.Text.Json.Nodes;
using static NetTeam.Daemon.Tests.ConvertBondRun;

namespace NetTeam.Daemon.Tests;

/// <summary>
/// netteamctl convert-bond: bonding configurations (Linux Documentation/networking/bonding.rst §2) and the teamd
/// config they become (teamd.conf(5)), compared as JSON.
/// </summary>
public class ConvertBondTests
{
    private const string Ethtool = "'link_watch': {'name': 'ethtool'}";
    private const string Ports = "'ports': {'eth0': {}, 'eth1': {}}";

    public static TheoryData<string, string> Conversions() => new()
    {
        // Every mode, by name.
        { "mode=balance-rr miimon=100 --ports eth0,eth1", $"{{'device': 'team0', 'runner': {{'name': 'roundrobin'}}, {Ethtool}, 'mcast_rejoin': {{'count': 1}}, {Ports}}}" },
        { "mode=active-backup miimon=100 --ports eth0,eth1", $"{{'device': 'team0', 'runner': {{'name': 'activebackup'}}, {Ethtool}, {Ports}}}" },
        { "mode=balance-xor miimon=100 --ports eth0,eth1", $"{{'device': 'team0', 'runner': {{'name': 'loadbalance', 'tx_hash': ['eth']}}, {Ethtool}, {Ports}}}" },
        { "mode=broadcast miimon=100 --ports eth0,eth1", $"{{'device': 'team0', 'runner': {{'name': 'broadcast'}}, {Ethtool}, {Ports}}}" },
        {
            "mode=802.3ad miimon=100 --ports eth0,eth1",
            $"{{'device': 'team0', 'runner': {{'name': 'lacp', 'active': true, 'fast_rate': false, 'tx_hash': ['eth'], 'agg_select_policy': 'lacp_prio_stable'}}, {Ethtool}, {Ports}}}"
        },
        {
            "mode=balance-tlb miimon=100 --ports eth0,eth1",
            $"{{'device': 'team0', 'runner': {{'name': 'loadbalance', 'tx_hash': ['eth'], 'tx_balancer': {{'name': 'basic'}}}}, {Ethtool}, 'mcast_rejoin': {{'count': 1}}, {Ports}}}"
        },
        {
            "mode=balance-alb miimon=100 --ports eth0,eth1",
            $"{{'device': 'team0', 'runner': {{'name': 'loadbalance', 'tx_hash': ['eth'], 'tx_balancer': {{'name': 'basic'}}}}, {Ethtool}, 'mcast_rejoin': {{'count': 1}}, {Ports}}}"
        },
        // No options but the defaults: balance-rr with the MII monitor, team0.
        { "miimon=100", $"{{'device': 'team0', 'runner': {{'name': 'roundrobin'}}, {Ethtool}, 'mcast_rejoin': {{'count': 1}}}}" },
        // balance-rr's packets_per_slave=0 is a random slave per packet.
        { "mode=0 packets_per_slave=0", $"{{'device': 'team0', 'runner': {{'name': 'random'}}, {Ethtool}, 'mcast_rejoin': {{'count': 1}}}}" },
        // balance-tlb without dynamic balancing hashes by xmit_hash_policy.
        { "mode=5 tlb_dynamic_lb=0 xmit_hash_policy=layer2+3", $"{{'device': 'team0', 'runner': {{'name': 'loadbalance', 'tx_hash': ['eth', 'ipv4', 'ipv6']}}, {Ethtool}, 'mcast_rejoin': {{'count': 1}}}}" },

        // The ip link form, and the whole ip link command: its NAME is the device, address the hwaddr.
        {
            "mode 802.3ad miimon 100 xmit_hash_policy layer3+4 lacp_rate fast ad_select bandwidth --ports eth0,eth1 --device bond0",
            $"{{'device': 'bond0', 'runner': {{'name': 'lacp', 'active': true, 'fast_rate': true, 'tx_hash': ['eth', 'ipv4', 'ipv6', 'l4'], 'agg_select_policy': 'bandwidth'}}, {Ethtool}, {Ports}}}"
        },
        {
            "ip link add bond7 address 02:00:5e:00:00:07 mtu 9000 type bond mode active-backup miimon 100 primary eth1 peer_notify_delay 300 num_grat_arp 2",
            $"{{'device': 'bond7', 'hwaddr': '02:00:5e:00:00:07', 'runner': {{'name': 'activebackup'}}, {Ethtool}, 'notify_peers': {{'count': 2, 'interval': 300}}, 'ports': {{'eth1': {{'prio': 100}}}}}}"
        },

        // primary and primary_reselect in active-backup: a higher prio, and sticky on the others for better and failure.
        { "mode=1 primary=eth1 --ports eth0,eth1", $"{{'device': 'team0', 'runner': {{'name': 'activebackup'}}, {Ethtool}, 'ports': {{'eth0': {{}}, 'eth1': {{'prio': 100}}}}}}" },
        { "mode=1 primary=eth1 primary_reselect=always --ports eth0,eth1", $"{{'device': 'team0', 'runner': {{'name': 'activebackup'}}, {Ethtool}, 'ports': {{'eth0': {{}}, 'eth1': {{'prio': 100}}}}}}" },
        { "mode=1 primary=eth1 primary_reselect=better --ports eth0,eth1", $"{{'device': 'team0', 'runner': {{'name': 'activebackup'}}, {Ethtool}, 'ports': {{'eth0': {{'sticky': true}}, 'eth1': {{'prio': 100}}}}}}" },
        { "mode=1 primary=eth1 primary_reselect=2 --ports eth0,eth1", $"{{'device': 'team0', 'runner': {{'name': 'activebackup'}}, {Ethtool}, 'ports': {{'eth0': {{'sticky': true}}, 'eth1': {{'prio': 100}}}}}}" },

        // fail_over_mac as hwaddr_policy, by name and number.
        { "mode=1 fail_over_mac=none", $"{{'device': 'team0', 'runner': {{'name': 'activebackup', 'hwaddr_policy': 'same_all'}}, {Ethtool}}}" },
        { "mode=1 fail_over_mac=active", $"{{'device': 'team0', 'runner': {{'name': 'activebackup', 'hwaddr_policy': 'by_active'}}, {Ethtool}}}" },
        { "mode=1 fail_over_mac=2", $"{{'device': 'team0', 'runner': {{'name': 'activebackup', 'hwaddr_policy': 'only_active'}}, {Ethtool}}}" },

        // miimon's delays, rounded down to a multiple of miimon as bonding does.
        { "mode=1 miimon=100 updelay=250 downdelay=100", "{'device': 'team0', 'runner': {'name': 'activebackup'}, 'link_watch': {'name': 'ethtool', 'delay_up': 200, 'delay_down': 100}}" },
        { "mode=1 updelay=50", "{'device': 'team0', 'runner': {'name': 'activebackup'}, 'link_watch': {'name': 'ethtool'}}" },

        // Peer notification: num_grat_arp / num_unsol_na repeat at peer_notif_delay, or at the monitor's interval.
        { "mode=1 miimon=50 num_unsol_na=3", $"{{'device': 'team0', 'runner': {{'name': 'activebackup'}}, {Ethtool}, 'notify_peers': {{'count': 3, 'interval': 50}}}}" },
        { "mode=1 resend_igmp=4", $"{{'device': 'team0', 'runner': {{'name': 'activebackup'}}, {Ethtool}, 'mcast_rejoin': {{'count': 4, 'interval': 200}}}}" },
        { "mode=broadcast num_grat_arp=5 resend_igmp=2", $"{{'device': 'team0', 'runner': {{'name': 'broadcast'}}, {Ethtool}}}" },

        // 802.3ad's options.
        {
            "mode=4 lacp_rate=1 lacp_active=off ad_select=count min_links=2 ad_actor_sys_prio=100 ad_user_port_key=5 --ports eth0,eth1",
            $"{{'device': 'team0', 'runner': {{'name': 'lacp', 'active': false, 'fast_rate': true, 'tx_hash': ['eth'], 'agg_select_policy': 'count', 'min_ports': 2, 'sys_prio': 100}}, {Ethtool}, 'ports': {{'eth0': {{'lacp_key': 320}}, 'eth1': {{'lacp_key': 320}}}}}}"
        },
        { "mode=4 lacp_rate=slow ad_select=0 min_links=1", $"{{'device': 'team0', 'runner': {{'name': 'lacp', 'active': true, 'fast_rate': false, 'tx_hash': ['eth'], 'agg_select_policy': 'lacp_prio_stable'}}, {Ethtool}}}" },
        { "mode=4 ad_select=actor_port_prio", $"{{'device': 'team0', 'runner': {{'name': 'lacp', 'active': true, 'fast_rate': false, 'tx_hash': ['eth'], 'agg_select_policy': 'lacp_prio'}}, {Ethtool}}}" },

        // queue_id per port.
        { "mode=1 queue_id=eth1:2 queue_id=eth0:1 --ports eth0,eth1", $"{{'device': 'team0', 'runner': {{'name': 'activebackup'}}, {Ethtool}, 'ports': {{'eth0': {{'queue_id': 1}}, 'eth1': {{'queue_id': 2}}}}}}" },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void BondingConfigurationsBecomeTheirTeamdConfig(string bond, string expected) => AssertJson(expected, Json(bond));

    [Theory]
    [InlineData("balance-rr", "0")]
    [InlineData("active-backup", "1")]
    [InlineData("balance-xor", "2")]
    [InlineData("broadcast", "3")]
    [InlineData("802.3ad", "4")]
    [InlineData("balance-tlb", "5")]
    [InlineData("balance-alb", "6")]
    public void EveryModeIsTakenByNameAndByNumberInEveryForm(string name, string number)
    {
        JsonNode byName = Json($"mode={name} miimon=100 --ports eth0,eth1");
        AssertJson(byName.ToJsonString(), Json($"mode={number} miimon=100 --ports eth0,eth1"));
        AssertJson(byName.ToJsonString(), Json($"mode {name} miimon 100 --ports eth0,eth1"));
        AssertJson(byName.ToJsonString(), Json($"mode {number} miimon 100 --ports eth0,eth1"));
        // One string holding every option is the same as one argument each.
        var oneString = Run("--ports", "eth0,eth1", $"mode={name} miimon=100");
        Assert.Equal(0, oneString.Code);
        AssertJson(byName.ToJsonString(), JsonNode.Parse(oneString.Stdout)!);
    }

    [Theory]
    [InlineData("layer2", "['eth']", true)]
    [InlineData("layer2+3", "['eth', 'ipv4', 'ipv6']", false)]
    [InlineData("layer3+4", "['eth', 'ipv4', 'ipv6', 'l4']", true)]
    [InlineData("encap2+3", "['eth', 'ipv4', 'ipv6']", true)]
    [InlineData("encap3+4", "['eth', 'ipv4', 'ipv6', 'l4']", true)]
    [InlineData("vlan+srcmac", "['vlan', 'eth']", true)]
    [InlineData("0", "['eth']", true)]
    [InlineData("1", "['eth', 'ipv4', 'ipv6', 'l4']", true)]
    [InlineData("2", "['eth', 'ipv4', 'ipv6']", false)]
    [InlineData("5", "['vlan', 'eth']", true)]
    public void EachTransmitHashPolicyBecomesTxHashWithANoteWhereItIsAnApproximation(string policy, string txHash, bool approximation)
    {
        foreach (string mode in new[] { "balance-xor", "802.3ad" })
        {
            var r = RunLine($"mode={mode} xmit_hash_policy={policy}");
            Assert.Equal(0, r.Code);
            AssertJson(txHash, JsonNode.Parse(r.Stdout)!["runner"]!["tx_hash"]!);
            Assert.Equal(approximation, r.Stderr.Contains($"# xmit_hash_policy={policy}: approximation", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void WithoutXmitHashPolicyBondingsDefaultLayer2IsWrittenAndNoted()
    {
        var r = RunLine("mode=balance-xor");
        AssertJson("['eth']", JsonNode.Parse(r.Stdout)!["runner"]!["tx_hash"]!);
        Assert.Contains("# xmit_hash_policy not given: bonding's default, layer2", r.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> ArpConversions() => new()
    {
        {
            "mode=active-backup arp_interval=200 arp_ip_target=10.0.0.1,10.0.0.2 arp_validate=all arp_all_targets=all",
            "{'device': 'team0', 'runner': {'name': 'activebackup'}, 'link_watch_policy': 'all', 'link_watch': ["
                + "{'name': 'arp_ping', 'interval': 200, 'missed_max': 2, 'target_host': '10.0.0.1', 'validate_active': true, 'validate_inactive': true},"
                + "{'name': 'arp_ping', 'interval': 200, 'missed_max': 2, 'target_host': '10.0.0.2', 'validate_active': true, 'validate_inactive': true}]}"
        },
        // Targets add up, with sysfs's + (and - removes); arp_missed_max carries over.
        {
            "mode=1 arp_interval=100 arp_ip_target=+10.0.0.1 arp_ip_target=+10.0.0.2 arp_ip_target=-10.0.0.1 arp_missed_max=5",
            "{'device': 'team0', 'runner': {'name': 'activebackup'}, 'link_watch': {'name': 'arp_ping', 'interval': 100, 'missed_max': 5, 'target_host': '10.0.0.2'}}"
        },
        { "mode=1 arp_interval=100 arp_ip_target=10.0.0.1 arp_validate=none", "{'device': 'team0', 'runner': {'name': 'activebackup'}, 'link_watch': {'name': 'arp_ping', 'interval': 100, 'missed_max': 2, 'target_host': '10.0.0.1'}}" },
        { "mode=1 arp_interval=100 arp_ip_target=10.0.0.1 arp_validate=active", "{'device': 'team0', 'runner': {'name': 'activebackup'}, 'link_watch': {'name': 'arp_ping', 'interval': 100, 'missed_max': 2, 'target_host': '10.0.0.1', 'validate_active': true}}" },
        { "mode=1 arp_interval=100 arp_ip_target=10.0.0.1 arp_validate=backup", "{'device': 'team0', 'runner': {'name': 'activebackup'}, 'link_watch': {'name': 'arp_ping', 'interval': 100, 'missed_max': 2, 'target_host': '10.0.0.1', 'validate_inactive': true}}" },
        { "mode=1 arp_interval=100 arp_ip_target=10.0.0.1 arp_validate=filter", "{'device': 'team0', 'runner': {'name': 'activebackup'}, 'link_watch': {'name': 'arp_ping', 'interval': 100, 'missed_max': 2, 'target_host': '10.0.0.1'}}" },
        { "mode=1 arp_interval=100 arp_ip_target=10.0.0.1 arp_validate=5", "{'device': 'team0', 'runner': {'name': 'activebackup'}, 'link_watch': {'name': 'arp_ping', 'interval': 100, 'missed_max': 2, 'target_host': '10.0.0.1', 'validate_active': true}}" },
        { "mode=1 arp_interval=100 arp_ip_target=10.0.0.1 arp_validate=filter_backup", "{'device': 'team0', 'runner': {'name': 'activebackup'}, 'link_watch': {'name': 'arp_ping', 'interval': 100, 'missed_max': 2, 'target_host': '10.0.0.1', 'validate_inactive': true}}" },
        // IPv6 targets are nsna_ping watchers; in balance-xor arp_all_targets does nothing (active-backup only).
        {
            "mode=balance-xor arp_interval=500 arp_ip_target=10.0.0.1 ns_ip6_target=2001:db8::1 arp_all_targets=all",
            "{'device': 'team0', 'runner': {'name': 'loadbalance', 'tx_hash': ['eth']}, 'link_watch': ["
                + "{'name': 'arp_ping', 'interval': 500, 'missed_max': 2, 'target_host': '10.0.0.1'},"
                + "{'name': 'nsna_ping', 'interval': 500, 'missed_max': 2, 'target_host': '2001:db8::1'}]}"
        },
        // The ip link form takes the list with commas too; miimon wins over arp_interval, as in bonding.
        { "mode 1 arp_interval 100 arp_ip_target 10.0.0.1,10.0.0.9", "{'device': 'team0', 'runner': {'name': 'activebackup'}, 'link_watch': [{'name': 'arp_ping', 'interval': 100, 'missed_max': 2, 'target_host': '10.0.0.1'}, {'name': 'arp_ping', 'interval': 100, 'missed_max': 2, 'target_host': '10.0.0.9'}]}" },
        { "mode=1 miimon=100 arp_interval=100 arp_ip_target=10.0.0.1", $"{{'device': 'team0', 'runner': {{'name': 'activebackup'}}, {Ethtool}}}" },
    };

    [Theory]
    [MemberData(nameof(ArpConversions))]
    public void TheArpMonitorBecomesProbeWatchers(string bond, string expected) => AssertJson(expected, Json(bond));

    [Fact]
    public void NotesNameEveryOptionWithoutAnExactEquivalentAndWhy()
    {
        var r = RunLine("mode=balance-alb miimon=100 lp_interval=5 all_slaves_active=1 use_carrier=1 max_bonds=2 lacp_rate=fast primary=eth0 xmit_hash_policy=layer3+4");
        Assert.Equal(0, r.Code);
        Assert.Contains("# mode balance-alb (6): receive load balancing (rlb, by rewriting ARP replies) does not exist in team", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("# mode balance-alb (6): loadbalance gives every port the team's MAC address", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("# lp_interval=5: no equivalent: team sends no learning packets", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("# all_slaves_active=1: no equivalent", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("# max_bonds=2: no equivalent: a module-wide setting", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("# lacp_rate=fast: left out: no effect in balance-alb (6); bonding uses it only in 802.3ad (4)", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("# primary=eth0: left out: it chooses the port that receives", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("# xmit_hash_policy=layer3+4: left out: balance-tlb and balance-alb hash by xmit_hash_policy only with tlb_dynamic_lb=0", r.Stderr, StringComparison.Ordinal);
        // use_carrier=1 is what team does: no note.
        Assert.DoesNotContain("use_carrier", r.Stderr, StringComparison.Ordinal);
        // The notes are on stderr only: stdout is JSON that teamd's parser takes (it takes no comments).
        Assert.DoesNotContain("#", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void NotesOfTheArpMonitorAndOfPrimaryReselect()
    {
        var r = RunLine("mode=1 arp_interval=100 arp_ip_target=10.0.0.1 updelay=200 primary=eth1 primary_reselect=better --ports eth0,eth1");
        Assert.Equal(0, r.Code);
        Assert.Contains("# arp_interval=100: bonding sends its ARP probes from the bond's address; arp_ping sends them from source_host", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("# arp_interval=100: without arp_validate bonding counts any traffic", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("# updelay=200: left out: bonding applies it only to the MII monitor", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("# primary_reselect=better: approximation: with bonding's better a returning primary takes over when it is faster", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TheIfupdownStanzaGivesTheOptionsThePortsAndTheDevice()
    {
        var r = Run("--ifupdown", Fixture("interfaces"), "--iface", "bond0");
        Assert.True(r.Code == 0, r.Stderr);
        // bond-primary lists eth5 eth1 eth0: the first that is a port, eth1, is the primary (ifenslave's rule).
        AssertJson(
            "{'device': 'bond0', 'hwaddr': '02:00:5e:10:00:01', 'runner': {'name': 'activebackup'}, 'link_watch': {'name': 'ethtool', 'delay_up': 200, 'delay_down': 100},"
                + "'notify_peers': {'count': 3, 'interval': 100}, 'ports': {'eth0': {'sticky': true}, 'eth1': {'prio': 100}}}",
            JsonNode.Parse(r.Stdout)!);
        Assert.Contains($"# {Fixture("interfaces")}: iface bond0: address, gateway: not part of teamd's config", r.Stderr, StringComparison.Ordinal);
        Assert.Contains($"# {Fixture("interfaces")}:15: bond-miimon 100: the ethtool watcher", r.Stderr, StringComparison.Ordinal);

        // bond-slaves none: the ports are the stanzas with bond-master bond1; bond_miimon is bond-miimon.
        AssertJson(
            "{'device': 'bond1', 'runner': {'name': 'lacp', 'active': true, 'fast_rate': true, 'tx_hash': ['eth', 'ipv4', 'ipv6', 'l4'], 'agg_select_policy': 'count', 'min_ports': 2},"
                + "'link_watch': {'name': 'ethtool'}, 'ports': {'eth2': {}, 'eth3': {}}}",
            Json($"--ifupdown {Fixture("interfaces")} --iface bond1"));

        // A file with one bond needs no --iface; a continued line, ARP monitoring, bond-members.
        AssertJson(
            "{'device': 'lan0', 'runner': {'name': 'loadbalance', 'tx_hash': ['eth']}, 'ports': {'eno1': {}, 'eno2': {}}, 'link_watch': ["
                + "{'name': 'arp_ping', 'interval': 250, 'missed_max': 4, 'target_host': '198.51.100.1', 'validate_active': true},"
                + "{'name': 'arp_ping', 'interval': 250, 'missed_max': 4, 'target_host': '198.51.100.2', 'validate_active': true}]}",
            Json($"--ifupdown {Fixture("interfaces-one")}"));

        // --device and --ports take precedence over the stanza.
        JsonNode renamed = Json($"--ifupdown={Fixture("interfaces-one")} --device team5 --ports=eth7,eth8");
        Assert.Equal("team5", renamed["device"]!.GetValue<string>());
        AssertJson("{'eth7': {}, 'eth8': {}}", renamed["ports"]!);
    }

    [Fact]
    public void HelpAndUsageNameTheCommand()
    {
        var help = Run("-h");
        Assert.Equal(0, help.Code);
        Assert.Contains("--ifupdown FILE", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("goes to stderr", help.Stdout, StringComparison.Ordinal);
        StringWriter usage = new();
        Assert.Equal(0, Cli.Ctl.Run(["-h"], usage, new StringWriter()));
        Assert.Contains("convert-bond", usage.ToString(), StringComparison.Ordinal);
        // -o before the command prints the JSON on one line.
        StringWriter oneLine = new();
        Assert.Equal(0, Cli.Ctl.Run(["-o", "convert-bond", "mode=1"], oneLine, new StringWriter()));
        Assert.Single(oneLine.ToString().TrimEnd().Split('\n'));
    }
}
