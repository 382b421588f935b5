using System.Text.Json.Nodes;

namespace NetTeam.Cli.Bonding;

/// <summary>
/// bonding's peer notification and IGMP resend after a failover as teamd's notify_peers and mcast_rejoin
/// (teamd.conf(5); docs/link-watch.md "Peer notification"): num_grat_arp/num_unsol_na (one value, bonding.rst)
/// with peer_notif_delay in active-backup, resend_igmp (default 1, 200 ms apart) in balance-rr,
/// active-backup, balance-tlb and balance-alb.
/// </summary>
internal static class NotifyConversion
{
    /// <summary>bonding.rst resend_igmp: "subsequent packets are sent in each 200ms interval".</summary>
    public const int IgmpInterval = 200;

    public static void Apply(BondSettings s, JsonObject root)
    {
        if (s.Mode == BondChoices.ActiveBackup && (s.NumPeerNotif is not null || s.PeerNotifDelay is not null))
        {
            int count = s.NumPeerNotif ?? 1;
            JsonObject notify = new() { ["count"] = count };
            if (count > 1 || s.PeerNotifDelay > 0)
            {
                // peer_notif_delay 0 "means to match the value of the MII link monitor interval" (bonding.rst).
                notify["interval"] = s.PeerNotifDelay is > 0 ? s.PeerNotifDelay.Value : LinkWatchConversion.MonitorInterval(s);
            }
            root["notify_peers"] = notify;
        }
        // activebackup writes mcast_rejoin count 1 back by itself (teamd-spec §2.3), bonding's default; the other
        // runners start at 0, so bonding's default is written for them.
        bool resends = s.Mode is BondChoices.BalanceRr or BondChoices.ActiveBackup or BondChoices.BalanceTlb or BondChoices.BalanceAlb;
        if (resends && (s.ResendIgmp is not null || s.Mode != BondChoices.ActiveBackup))
        {
            int count = s.ResendIgmp ?? 1;
            JsonObject rejoin = new() { ["count"] = count };
            if (count > 1)
            {
                rejoin["interval"] = IgmpInterval;
            }
            root["mcast_rejoin"] = rejoin;
        }
    }
}
