using NetTeam.Cli.Top;

namespace NetTeam.Cli.Tests;

/// <summary>top's rates: the difference of two counter samples over the time between them.</summary>
public class TrafficRatesTests
{
    private static readonly PortCounters s_before = new(RxPackets: 1000, RxBytes: 1_500_000, RxDropped: 2, RxErrors: 0, TxPackets: 400, TxBytes: 40_000, TxDropped: 0);

    [Fact]
    public void RatesArePacketsAndBitsPerSecondBetweenTwoSamples()
    {
        PortCounters after = s_before with { RxPackets = 3000, RxBytes = 4_500_000, RxDropped = 8, TxPackets = 1400, TxBytes = 140_000 };

        TrafficRates r = TrafficRates.Between(s_before, after, TimeSpan.FromSeconds(2))!;

        Assert.Equal(1000, r.RxPacketsPerSecond);
        Assert.Equal(12_000_000, r.RxBitsPerSecond);
        Assert.Equal(500, r.TxPacketsPerSecond);
        Assert.Equal(400_000, r.TxBitsPerSecond);
        Assert.Equal(3, r.RxDroppedPerSecond);
        Assert.Equal(0, r.TxDroppedPerSecond);
    }

    [Fact]
    public void AnIntervalThatIsNotASecondIsAccountedFor()
    {
        PortCounters after = s_before with { RxPackets = s_before.RxPackets + 105 };

        Assert.Equal(100, TrafficRates.Between(s_before, after, TimeSpan.FromMilliseconds(1050))!.RxPacketsPerSecond, precision: 9);
    }

    [Fact]
    public void NoTrafficIsARateOfZeroNotAnUnknown()
    {
        TrafficRates r = TrafficRates.Between(s_before, s_before, TimeSpan.FromSeconds(1))!;

        Assert.Equal(0, r.RxBitsPerSecond);
        Assert.Equal(0, r.TxPacketsPerSecond);
    }

    [Fact]
    public void ACounterThatWentBackGivesNoRate()
    {
        // The port left and joined again, or the daemon restarted: its counters began again at 0.
        PortCounters reset = new(10, 1000, 0, 0, 1, 100, 0);

        Assert.Null(TrafficRates.Between(s_before, reset, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void AMissingSampleOrNoElapsedTimeGivesNoRate()
    {
        Assert.Null(TrafficRates.Between(null, s_before, TimeSpan.FromSeconds(1)));
        Assert.Null(TrafficRates.Between(s_before, null, TimeSpan.FromSeconds(1)));
        Assert.Null(TrafficRates.Between(s_before, s_before, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(0, "0 bit/s")]
    [InlineData(999, "999 bit/s")]
    [InlineData(1234, "1.23 kbit/s")]
    [InlineData(12_345_678, "12.3 Mbit/s")]
    [InlineData(987_654_321, "988 Mbit/s")]
    [InlineData(9_410_000_000, "9.41 Gbit/s")]
    public void BitRatesAreWrittenWithSiPrefixes(double bitsPerSecond, string text) => Assert.Equal(text, TopFormat.Bits(bitsPerSecond));

    [Theory]
    [InlineData(7, "7")]
    [InlineData(1500, "1.50k")]
    [InlineData(102_300, "102k")]
    [InlineData(4_500_000, "4.50M")]
    public void PacketRatesAreWrittenWithSiPrefixes(double packetsPerSecond, string text) => Assert.Equal(text, TopFormat.Packets(packetsPerSecond));

    [Fact]
    public void UnknownRatesAreADash()
    {
        Assert.Equal("-", TopFormat.Bits(null));
        Assert.Equal("-", TopFormat.Packets(null));
    }
}
