using System.Text.Json.Nodes;
using NetTeam.Daemon.Config;
using static NetTeam.Daemon.Tests.ConvertBondRun;

namespace NetTeam.Daemon.Tests;

/// <summary>What convert-bond prints is a config netteamd loads: its config reader and the runner take it without an error or a warning.</summary>
public class ConvertBondLoadTests
{
    [Theory]
    [InlineData("mode=balance-rr miimon=100 --ports eth0,eth1")]
    [InlineData("mode=0 packets_per_slave=0")]
    [InlineData("mode=active-backup miimon=100 updelay=200 primary=eth0 primary_reselect=failure fail_over_mac=follow num_grat_arp=3 resend_igmp=2 --ports eth0,eth1")]
    [InlineData("mode=1 arp_interval=100 arp_ip_target=10.0.0.1,10.0.0.2 ns_ip6_target=2001:db8::1 arp_validate=all arp_all_targets=all arp_missed_max=3")]
    [InlineData("mode=balance-xor miimon=100 xmit_hash_policy=layer3+4 queue_id=eth1:3 --ports eth0,eth1")]
    [InlineData("mode=2 xmit_hash_policy=vlan+srcmac")]
    [InlineData("mode=2 xmit_hash_policy=encap2+3")]
    [InlineData("mode=broadcast miimon=100 --ports eth0,eth1")]
    [InlineData("mode=802.3ad miimon=100 lacp_rate=fast xmit_hash_policy=layer2+3 ad_select=bandwidth min_links=2 ad_actor_sys_prio=10 ad_user_port_key=3 lacp_active=on --ports eth0,eth1")]
    [InlineData("mode=4 ad_select=stable")]
    [InlineData("mode=4 ad_select=count")]
    [InlineData("mode=balance-tlb miimon=100 --ports eth0,eth1")]
    [InlineData("mode=5 tlb_dynamic_lb=0 xmit_hash_policy=encap3+4")]
    [InlineData("mode=balance-alb miimon=100 downdelay=300 --ports eth0,eth1")]
    [InlineData("ip link add bond0 address 02:00:5e:00:00:01 type bond mode 1 miimon 100 primary eth1")]
    public void EveryConversionLoadsInNetteamdsConfigReader(string bond) => AssertLoads(Json(bond));

    [Theory]
    [InlineData("interfaces", "bond0")]
    [InlineData("interfaces", "bond1")]
    [InlineData("interfaces-one", null)]
    public void EveryIfupdownConversionLoadsToo(string file, string? iface) =>
        AssertLoads(Json($"--ifupdown {Fixture(file)}" + (iface is null ? string.Empty : $" --iface {iface}")));

    /// <summary>A valid use of every option bonding has (bonding.rst §2, ip-link(8)).</summary>
    private static readonly Dictionary<string, string> s_samples = new()
    {
        ["mode"] = "mode=1", ["miimon"] = "miimon=200", ["updelay"] = "updelay=400", ["downdelay"] = "downdelay=200", ["use_carrier"] = "use_carrier=0",
        ["arp_interval"] = "arp_interval=100 arp_ip_target=10.0.0.1", ["arp_ip_target"] = "arp_interval=100 arp_ip_target=10.0.0.1,10.0.0.2",
        ["ns_ip6_target"] = "arp_interval=100 ns_ip6_target=2001:db8::1", ["arp_validate"] = "arp_interval=100 arp_ip_target=10.0.0.1 arp_validate=filter_backup",
        ["arp_all_targets"] = "arp_interval=100 arp_ip_target=10.0.0.1,10.0.0.2 arp_all_targets=1", ["arp_missed_max"] = "arp_interval=100 arp_ip_target=10.0.0.1 arp_missed_max=9",
        ["primary"] = "primary=eth0", ["primary_reselect"] = "primary=eth0 primary_reselect=better", ["active_slave"] = "active_slave=eth1", ["clear_active_slave"] = "clear_active_slave",
        ["fail_over_mac"] = "fail_over_mac=follow", ["xmit_hash_policy"] = "xmit_hash_policy=encap3+4", ["lacp_rate"] = "lacp_rate=fast", ["lacp_active"] = "lacp_active=off",
        ["ad_select"] = "ad_select=bandwidth", ["min_links"] = "min_links=3", ["ad_actor_sys_prio"] = "ad_actor_sys_prio=1", ["ad_user_port_key"] = "ad_user_port_key=1023",
        ["ad_actor_system"] = "ad_actor_system=02:00:00:00:00:01", ["coupled_control"] = "coupled_control=0", ["broadcast_neighbor"] = "broadcast_neighbor=1",
        ["num_grat_arp"] = "num_grat_arp=0", ["num_unsol_na"] = "num_unsol_na=255", ["peer_notif_delay"] = "peer_notif_delay=0", ["resend_igmp"] = "resend_igmp=0",
        ["all_slaves_active"] = "all_slaves_active=1", ["packets_per_slave"] = "packets_per_slave=3", ["tlb_dynamic_lb"] = "tlb_dynamic_lb=0", ["lp_interval"] = "lp_interval=10",
        ["queue_id"] = "queue_id=eth0:15", ["max_bonds"] = "max_bonds=0", ["tx_queues"] = "tx_queues=16",
    };

    [Fact]
    public void EveryBondingOptionIsTakenInEveryModeAndTheResultLoads()
    {
        Assert.Equal(Cli.Bonding.BondSettings.Names.Order(), s_samples.Keys.Order());
        foreach ((string name, string sample) in s_samples)
        {
            for (int mode = 0; mode <= 6; mode++)
            {
                string plain = RunLine($"mode={mode} --ports eth0,eth1").Stdout;
                // The module form, and ip link's (clear_active_slave is ip link's alone, and takes no value).
                string ipLink = name == "clear_active_slave" ? sample : sample.Replace('=', ' ');
                foreach (string form in new[] { $"{sample} mode={mode} --ports eth0,eth1", $"{ipLink} mode {mode} --ports eth0,eth1" })
                {
                    if (name == "clear_active_slave" && form.Contains('=', StringComparison.Ordinal))
                    {
                        continue;
                    }
                    var r = RunLine(form);
                    Assert.True(r.Code == 0, $"{form}: {r.Stderr}");
                    // Each option changes the config or has a note (mode=1 before mode=N is overridden, as in bonding).
                    Assert.True(name == "mode" || r.Stdout != plain || r.Stderr.Contains(name, StringComparison.Ordinal), $"{form}: neither converted nor noted");
                    AssertLoads(JsonNode.Parse(r.Stdout)!);
                }
            }
        }
    }

    private static void AssertLoads(JsonNode converted)
    {
        TeamdConfig config = TeamdConfig.Parse(converted.ToJsonString());
        Assert.Empty(config.Warnings);
        Runners.Runner? runner = Runners.Runner.Create(config.RunnerName, config.RunnerConfig);
        Assert.NotNull(runner);
        Assert.Null(runner.Validate());
        Assert.Equal(converted["runner"]!["name"]!.GetValue<string>(), config.RunnerName);
    }
}
