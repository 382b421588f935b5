using System.Text.Json.Nodes;

namespace NetTeam.Cli.Bonding;

/// <summary>
/// bonding's link monitoring as teamd's link_watch (teamd.conf(5), teamd-spec §2.5): the MII monitor
/// (miimon, updelay, downdelay) as the ethtool watcher, the ARP monitor (arp_interval with arp_ip_target or
/// ns_ip6_target) as arp_ping and nsna_ping watchers. bonding runs one monitor: given both, the MII monitor
/// wins, as bonding's module options have it.
/// </summary>
internal static class LinkWatchConversion
{
    /// <summary>bonding.rst miimon: "The default value is 100 if arp_interval is not set."</summary>
    public const int DefaultMiimon = 100;

    public static void Apply(BondSettings s, JsonObject root, List<string> notes)
    {
        bool arp = s.ArpInterval > 0 && !(s.Miimon > 0);
        if (s.ArpInterval > 0 && s.Miimon > 0)
        {
            notes.Add(s.Option("arp_interval")!.Note("left out with the other ARP monitor options: miimon is set too, and bonding runs only the MII monitor then"));
        }
        if (arp)
        {
            ProbeWatchConversion.Apply(s, root, notes);
            foreach (string delay in new[] { "updelay", "downdelay" })
            {
                if (s.Option(delay) is BondOption o)
                {
                    notes.Add(o.Note("left out: bonding applies it only to the MII monitor"));
                }
            }
            return;
        }
        root["link_watch"] = Ethtool(s, notes);
        string why = s.ArpInterval > 0 ? "miimon is set, and bonding runs only the MII monitor then" : "arp_interval is 0";
        foreach (string name in new[] { "arp_ip_target", "ns_ip6_target", "arp_validate", "arp_all_targets", "arp_missed_max" })
        {
            if (s.Option(name) is BondOption o)
            {
                notes.Add(o.Note($"left out: there is no ARP monitor ({why})"));
            }
        }
    }

    /// <summary>The monitor's interval in ms: what bonding's peer notification repeats at when peer_notif_delay is 0.</summary>
    public static int MonitorInterval(BondSettings s) => s.Miimon > 0 ? s.Miimon.Value : s.ArpInterval > 0 ? s.ArpInterval.Value : DefaultMiimon;

    private static JsonObject Ethtool(BondSettings s, List<string> notes)
    {
        JsonObject watch = new() { ["name"] = "ethtool" };
        // 802.3ad, balance-tlb and balance-alb force miimon 100 where it is 0 (teamd-spec §6, "Forcing miimon to 100msec").
        bool forced = s.Miimon == 0 && s.Mode is BondChoices.Lacp or BondChoices.BalanceTlb or BondChoices.BalanceAlb;
        int miimon = forced ? DefaultMiimon : s.Miimon ?? DefaultMiimon;
        if (s.Option("miimon") is BondOption o)
        {
            notes.Add(o.Note(miimon == 0
                ? "bonding then watches no link at all; teamd always watches each port's carrier (the ethtool watcher)"
                : (forced ? $"bonding makes it 100 in {BondChoices.ModeName(s.Mode)}; " : string.Empty) + "the ethtool watcher acts on each carrier change as it comes; there is no polling interval"));
        }
        Delay(s.Option("updelay"), s.Updelay, miimon, "delay_up", watch, notes);
        Delay(s.Option("downdelay"), s.Downdelay, miimon, "delay_down", watch, notes);
        return watch;
    }

    /// <summary>updelay and downdelay: bonding "rounds down to the nearest multiple" of miimon (bonding.rst updelay).</summary>
    private static void Delay(BondOption? o, int? ms, int miimon, string key, JsonObject watch, List<string> notes)
    {
        if (o is null || ms is not int value)
        {
            return;
        }
        if (miimon == 0)
        {
            notes.Add(o.Note("left out: with miimon=0 bonding watches no link, so it never delays"));
            return;
        }
        int rounded = value - (value % miimon);
        if (rounded != value)
        {
            notes.Add(o.Note($"bonding rounds it down to a multiple of miimon ({miimon}): {key} {rounded}"));
        }
        if (rounded > 0)
        {
            watch[key] = rounded;
        }
    }
}
