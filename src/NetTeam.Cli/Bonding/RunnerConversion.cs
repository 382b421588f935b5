using System.Text.Json.Nodes;

namespace NetTeam.Cli.Bonding;

/// <summary>
/// bonding's mode (bonding.rst §2 mode) as a teamd runner (teamd.conf(5), teamd-spec §2.4): balance-rr →
/// roundrobin, active-backup → activebackup, balance-xor → loadbalance, broadcast → broadcast, 802.3ad →
/// lacp, balance-tlb and balance-alb → loadbalance with the basic tx_balancer.
/// </summary>
internal static class RunnerConversion
{
    private const string Stable = "approximation: agg_select_policy lacp_prio_stable keeps the selected aggregator while it has ports, as stable does, but chooses it by LACP priority where stable takes the largest bandwidth";

    public static JsonObject Runner(BondSettings s, List<string> notes) => s.Mode switch
    {
        BondChoices.BalanceRr => RoundRobin(s, notes),
        BondChoices.ActiveBackup => ActiveBackup(s),
        BondChoices.BalanceXor => new JsonObject { ["name"] = "loadbalance", ["tx_hash"] = TxHashConversion.TxHash(s, notes) },
        BondChoices.Broadcast => new JsonObject { ["name"] = "broadcast" },
        BondChoices.Lacp => Lacp(s, notes),
        _ => TransmitLoadBalancing(s, notes),
    };

    /// <summary>packets_per_slave: 1 is roundrobin, 0 ("a slave is chosen at random") the random runner.</summary>
    private static JsonObject RoundRobin(BondSettings s, List<string> notes)
    {
        if (s.PacketsPerSlave == 0)
        {
            notes.Add(s.Option("packets_per_slave")!.Note("a random port for every packet: the random runner"));
            return new JsonObject { ["name"] = "random" };
        }
        if (s.PacketsPerSlave > 1)
        {
            notes.Add(s.Option("packets_per_slave")!.Note("no equivalent: roundrobin sends one packet on each port in turn"));
        }
        return new JsonObject { ["name"] = "roundrobin" };
    }

    /// <summary>fail_over_mac none/active/follow as hwaddr_policy same_all/by_active/only_active (teamd.conf(5) runner.hwaddr_policy).</summary>
    private static JsonObject ActiveBackup(BondSettings s)
    {
        JsonObject runner = new() { ["name"] = "activebackup" };
        if (s.FailOverMac is int policy)
        {
            runner["hwaddr_policy"] = new[] { "same_all", "by_active", "only_active" }[policy];
        }
        return runner;
    }

    private static JsonObject Lacp(BondSettings s, List<string> notes)
    {
        JsonObject runner = new()
        {
            ["name"] = "lacp",
            ["active"] = s.LacpActive ?? true,
            // lacp_rate and fast_rate both set the rate asked of the partner (bonding.rst lacp_rate; teamd.conf(5)).
            ["fast_rate"] = s.LacpRate == 1,
            ["tx_hash"] = TxHashConversion.TxHash(s, notes),
            ["agg_select_policy"] = AggregatorSelection(s, notes),
        };
        if (s.MinLinks > 1)
        {
            runner["min_ports"] = s.MinLinks;
        }
        if (s.AdActorSysPrio is int prio)
        {
            runner["sys_prio"] = prio;
        }
        return runner;
    }

    /// <summary>ad_select as agg_select_policy; bonding's default is stable.</summary>
    private static string AggregatorSelection(BondSettings s, List<string> notes)
    {
        switch (s.AdSelect ?? 0)
        {
            case 0:
                notes.Add(s.Option("ad_select")?.Note(Stable) ?? "ad_select not given: bonding's default is stable; " + Stable);
                return "lacp_prio_stable";
            case 1:
                return "bandwidth";
            case 2:
                return "count";
            default:
                notes.Add(s.Option("ad_select")!.Note("approximation: lacp_prio chooses the aggregator of the port with the best LACP priority, bonding the one whose ports' priorities add up highest"));
                return "lacp_prio";
        }
    }

    /// <summary>
    /// balance-tlb and balance-alb: with tlb_dynamic_lb (the default) bonding spreads by destination and moves
    /// flows by load, as tx_hash eth with the basic balancer does; with tlb_dynamic_lb=0 it hashes by xmit_hash_policy.
    /// </summary>
    private static JsonObject TransmitLoadBalancing(BondSettings s, List<string> notes)
    {
        string mode = BondChoices.ModeName(s.Mode);
        notes.Add($"mode {mode}: loadbalance gives every port the team's MAC address, so the switch must treat the ports as one static link aggregation (EtherChannel), as for balance-xor; {mode} needs no switch support");
        if (s.Mode == BondChoices.BalanceAlb)
        {
            notes.Add($"mode {mode}: receive load balancing (rlb, by rewriting ARP replies) does not exist in team; the switch decides on which port traffic arrives");
        }
        JsonObject runner = new() { ["name"] = "loadbalance" };
        if (s.TlbDynamicLb == false)
        {
            runner["tx_hash"] = TxHashConversion.TxHash(s, notes);
            return runner;
        }
        if (s.Option("xmit_hash_policy") is BondOption policy)
        {
            notes.Add(policy.Note("left out: balance-tlb and balance-alb hash by xmit_hash_policy only with tlb_dynamic_lb=0"));
        }
        runner["tx_hash"] = new JsonArray("eth");
        runner["tx_balancer"] = new JsonObject { ["name"] = "basic" };
        return runner;
    }
}
