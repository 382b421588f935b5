namespace NetTeam.Cli.Top;

/// <summary>
/// Rates between two samples of a port's counters: packets and bits per second each way, and drops per
/// second. Bits count the frames' bytes as the data plane counts them (the Ethernet header included, as in
/// `ip -s link`), times 8.
/// </summary>
internal sealed record TrafficRates(double RxPacketsPerSecond, double RxBitsPerSecond, double TxPacketsPerSecond, double TxBitsPerSecond, double RxDroppedPerSecond, double TxDroppedPerSecond)
{
    /// <summary>
    /// The rates from <paramref name="before"/> to <paramref name="after"/>, <paramref name="elapsed"/> apart; null
    /// when either sample is missing (a port that just joined), no time passed, or a counter went back (the port
    /// left and joined again, or the daemon restarted): a rate over a reset would be nonsense.
    /// </summary>
    public static TrafficRates? Between(PortCounters? before, PortCounters? after, TimeSpan elapsed)
    {
        if (before is null || after is null || elapsed <= TimeSpan.Zero)
        {
            return null;
        }
        long rxPackets = after.RxPackets - before.RxPackets;
        long rxBytes = after.RxBytes - before.RxBytes;
        long rxDropped = after.RxDropped - before.RxDropped;
        long txPackets = after.TxPackets - before.TxPackets;
        long txBytes = after.TxBytes - before.TxBytes;
        long txDropped = after.TxDropped - before.TxDropped;
        if (rxPackets < 0 || rxBytes < 0 || rxDropped < 0 || txPackets < 0 || txBytes < 0 || txDropped < 0)
        {
            return null;
        }
        double seconds = elapsed.TotalSeconds;
        return new(rxPackets / seconds, rxBytes * 8 / seconds, txPackets / seconds, txBytes * 8 / seconds, rxDropped / seconds, txDropped / seconds);
    }
}
