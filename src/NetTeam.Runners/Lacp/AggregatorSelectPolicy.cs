namespace NetTeam.Runners.Lacp;

/// <summary>teamd's <c>runner.agg_select_policy</c> (teamd.conf(5), teamd-spec §2.4, §4.5): which aggregator carries traffic.</summary>
public enum AggregatorSelectPolicy
{
    /// <summary><c>lacp_prio</c>: the aggregator of the best port by LACP priorities (the default).</summary>
    LacpPrio,

    /// <summary><c>lacp_prio_stable</c>: as lacp_prio, but the selected aggregator is kept while it has ports.</summary>
    LacpPrioStable,

    /// <summary><c>bandwidth</c>: the aggregator with the largest sum of port speeds.</summary>
    Bandwidth,

    /// <summary><c>count</c>: the aggregator with the most ports.</summary>
    Count,

    /// <summary><c>port_config</c>: the aggregator of the port with the highest teamd <c>prio</c>, kept while a member is <c>sticky</c>.</summary>
    PortConfig,
}
