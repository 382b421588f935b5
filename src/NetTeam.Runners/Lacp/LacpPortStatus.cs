namespace NetTeam.Runners.Lacp;

/// <summary>
/// One port's LACP state as the daemon reports it (its metrics; the state dump has the same values under
/// <c>ports.PORT.runner</c>, teamd-spec §3.6): the actor's and partner's state octets, whether selection put the
/// port in an aggregator and whether that is the selected one, the aggregator's id (the lead port's ifindex, 0
/// for none), the receive machine's state and the Slow Protocols counters.
/// </summary>
public readonly record struct LacpPortStatus(
    LacpState Actor,
    LacpState Partner,
    bool Selected,
    bool AggregatorSelected,
    int AggregatorId,
    LacpPortState State,
    LacpCounters Counters);
