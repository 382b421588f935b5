namespace NetTeam.Device.Options;

/// <summary>
/// The team driver's option names (Linux drivers/net/team/team_core.c team_options and the modes'
/// options), as teamnl and the runners address them.
/// </summary>
public static class TeamOptionNames
{
    public const string Mode = "mode";
    public const string NotifyPeersCount = "notify_peers_count";
    public const string NotifyPeersInterval = "notify_peers_interval";
    public const string McastRejoinCount = "mcast_rejoin_count";
    public const string McastRejoinInterval = "mcast_rejoin_interval";

    // Per port.
    public const string Enabled = "enabled";
    public const string UserLinkup = "user_linkup";
    public const string UserLinkupEnabled = "user_linkup_enabled";
    public const string Priority = "priority";
    public const string QueueId = "queue_id";

    // activebackup.
    public const string ActivePort = "activeport";

    // loadbalance.
    public const string LbTxHash = "lb_tx_hash";
    public const string LbTxMethod = "lb_tx_method";
    public const string LbTxHashToPortMapping = "lb_tx_hash_to_port_mapping";
    public const string LbHashStats = "lb_hash_stats";
    public const string LbPortStats = "lb_port_stats";
    public const string LbStatsRefreshInterval = "lb_stats_refresh_interval";
}
