namespace NetTeam.Cli.Top;

/// <summary>A port's (or the team's) counters in the latest sample, and its rates since the sample before; either may be unknown.</summary>
internal sealed record TopTraffic(PortCounters? Counters, TrafficRates? Rates);
