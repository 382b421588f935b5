using System.Text.Json.Nodes;

namespace NetTeam.Cli.Bonding;

/// <summary>
/// bonding's ARP monitor (bonding.rst §2 arp_interval, arp_ip_target, ns_ip6_target, arp_validate,
/// arp_all_targets, arp_missed_max; §7.1) as one arp_ping watcher per IPv4 target and one nsna_ping per IPv6
/// target (teamd.conf(5) link_watch). netteamd's missed_max counts as bonding's arp_missed_max does
/// (docs/link-watch.md), so the number carries over; bonding's default is 2, teamd's 3.
/// </summary>
internal static class ProbeWatchConversion
{
    /// <summary>bonding.rst arp_missed_max: "The default value is 2".</summary>
    public const int DefaultMissedMax = 2;

    public static void Apply(BondSettings s, JsonObject root, List<string> notes)
    {
        BondOption interval = s.Option("arp_interval")!;
        if (s.ArpIpTargets.Count == 0 && s.NsIp6Targets.Count == 0)
        {
            throw new BondException($"{interval.At}{interval.Key}: \"{interval.Value}\" needs arp_ip_target (expected at least one address to probe, such as arp_ip_target=192.168.1.1)");
        }
        if (s.Mode is BondChoices.Lacp or BondChoices.BalanceTlb or BondChoices.BalanceAlb)
        {
            notes.Add(interval.Note($"bonding refuses the ARP monitor in {BondChoices.ModeName(s.Mode)}; teamd's probe watchers work with every runner"));
        }
        if (s.ArpIpTargets.Count > 0)
        {
            notes.Add(interval.Note("bonding sends its ARP probes from the bond's address; arp_ping sends them from source_host, 0.0.0.0 by default (an RFC 5227 probe): add \"source_host\" with the team's address if a target does not answer such probes"));
        }
        int validate = s.ArpValidate ?? 0;
        ValidationNote(s.Option("arp_validate"), validate, interval, s.NsIp6Targets.Count > 0, notes);
        JsonArray watchers = [];
        foreach (string target in s.ArpIpTargets)
        {
            JsonObject w = Watcher("arp_ping", s, target);
            if (validate is 1 or 3 or 5)
            {
                w["validate_active"] = true;
            }
            if (validate is 2 or 3 or 6)
            {
                w["validate_inactive"] = true;
            }
            watchers.Add((JsonNode)w);
        }
        foreach (string target in s.NsIp6Targets)
        {
            watchers.Add((JsonNode)Watcher("nsna_ping", s, target));
        }
        root["link_watch"] = watchers.Count == 1 ? watchers[0]!.DeepClone() : watchers;
        AllTargets(s, watchers.Count, notes, root);
    }

    private static JsonObject Watcher(string name, BondSettings s, string target) => new()
    {
        ["name"] = name,
        ["interval"] = s.ArpInterval,
        ["missed_max"] = s.ArpMissedMax ?? DefaultMissedMax,
        ["target_host"] = target,
    };

    /// <summary>arp_validate none/active/backup/all, and filter/filter_active/filter_backup with the same validation.</summary>
    private static void ValidationNote(BondOption? o, int validate, BondOption interval, bool nsTargets, List<string> notes)
    {
        if (validate == 0)
        {
            notes.Add((o ?? interval).Note("without arp_validate bonding counts any traffic a port receives; arp_ping counts ARP frames only, as bonding's filter does"));
        }
        else if (validate >= 4)
        {
            notes.Add(o!.Note("arp_ping counts ARP frames only, so filtering needs no key"));
        }
        if (validate != 0 && nsTargets)
        {
            notes.Add(o!.Note("validation applies to arp_ping; nsna_ping has no such keys"));
        }
    }

    /// <summary>arp_all_targets all (active-backup only, bonding.rst) as link_watch_policy all: every watcher must be up.</summary>
    private static void AllTargets(BondSettings s, int watchers, List<string> notes, JsonObject root)
    {
        if (s.ArpAllTargets != 1 || s.Mode != BondChoices.ActiveBackup)
        {
            return;
        }
        BondOption o = s.Option("arp_all_targets")!;
        if (watchers == 1)
        {
            notes.Add(o.Note("one target: any and all are the same"));
            return;
        }
        root["link_watch_policy"] = "all";
        if ((s.ArpValidate ?? 0) == 0)
        {
            notes.Add(o.Note("bonding applies it only with arp_validate; link_watch_policy all applies always"));
        }
    }
}
