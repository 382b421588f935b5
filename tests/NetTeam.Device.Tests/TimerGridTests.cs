using NetTeam.Device.Threading;

namespace NetTeam.Device.Tests;

public class TimerGridTests
{
    [Theory]
    // now, period, next: the first multiple of the period at least half a period away.
    [InlineData(0, 100, 100)]
    [InlineData(1, 100, 100)]
    [InlineData(49, 100, 100)]
    [InlineData(50, 100, 200)]
    [InlineData(100, 100, 200)]
    [InlineData(137, 100, 200)]
    [InlineData(151, 100, 300)]
    [InlineData(899, 900, 1800)]
    public void NextIsTheFirstGridPointAtLeastHalfAPeriodAway(long now, long period, long next)
    {
        Assert.Equal(next, TimerGrid.Next(now, period));
        Assert.InRange(next - now, period / 2, period + (period / 2));
    }

    [Fact]
    public void APeriodOfZeroIsRefused() => Assert.Throws<ArgumentOutOfRangeException>(() => TimerGrid.Next(5, 0));
}
