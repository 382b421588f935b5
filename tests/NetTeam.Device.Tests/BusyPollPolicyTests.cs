using NetTeam.Device.DataPlane.Userspace;
using Xunit;

namespace NetTeam.Device.Tests;

/// <summary>
/// The userspace data plane's busy-poll windows (BusyPollPolicy), driven with made-up timestamps: a window
/// of 2000 ticks, traffic turns at chosen times, and the polls the loop would make in between.
/// </summary>
public sealed class BusyPollPolicyTests
{
    private const long Window = 2000;

    [Fact]
    public void TrafficOpensAWindowThatRunsOutWithoutFurtherTraffic()
    {
        BusyPollPolicy p = new(Window);
        Assert.False(p.Spinning(0));
        p.Forwarded(100);
        Assert.True(p.Spinning(101));
        Assert.True(p.Spinning(2099));
        Assert.False(p.Spinning(2100));
        Assert.Equal(1, p.Windows);
        Assert.Equal(1, p.EmptyWindows);
    }

    [Fact]
    public void ASparseOneWayStreamStopsPollingAfterFourEmptyWindowsAndProbesOneTurnInSixteen()
    {
        BusyPollPolicy p = new(Window);
        // A frame every 5000 ticks, nothing in between: every window is empty.
        int opened = 0;
        for (long t = 0; t < 5000 * 164; t += 5000)
        {
            p.Spinning(t);
            long before = p.Windows;
            p.Forwarded(t);
            opened += p.Windows > before ? 1 : 0;
        }
        // 4 windows until the history is empty, then one per 16 turns of the remaining 160.
        Assert.Equal(4 + 10, opened);
        p.Spinning(long.MaxValue - 1);
        Assert.Equal(p.Windows, p.EmptyWindows);
    }

    [Fact]
    public void RequestAndResponseKeepPolling()
    {
        BusyPollPolicy p = new(Window);
        // A request every 20000 ticks whose answer comes 50 ticks later, caught by a poll inside the window.
        for (long t = 0; t < 20000 * 100; t += 20000)
        {
            Assert.False(p.Spinning(t));
            long before = p.Windows;
            p.Forwarded(t);
            Assert.Equal(before + 1, p.Windows);
            Assert.True(p.Spinning(t + 50));
            p.Caught();
            p.Forwarded(t + 50);
        }
        p.Spinning(long.MaxValue - 1);
        Assert.Equal(100, p.Windows);
        Assert.Equal(0, p.EmptyWindows);
    }

    [Fact]
    public void AProbeWindowThatCatchesSomethingResumesPolling()
    {
        BusyPollPolicy p = new(Window);
        long t = 0;
        for (int i = 0; i < 4; i++, t += 5000)
        {
            p.Spinning(t);
            p.Forwarded(t);
        }
        // The history is empty now: turns 1-15 open nothing, the 16th probes.
        for (int i = 1; i < 16; i++, t += 5000)
        {
            p.Spinning(t);
            p.Forwarded(t);
            Assert.False(p.Spinning(t + 1));
        }
        p.Spinning(t);
        p.Forwarded(t);
        Assert.True(p.Spinning(t + 10));
        p.Caught();
        t += 5000;
        Assert.False(p.Spinning(t));
        // The caught window counts: the next turn of traffic polls again at once.
        p.Forwarded(t);
        Assert.True(p.Spinning(t + 1));
    }

    [Fact]
    public void AZeroWindowNeverPolls()
    {
        BusyPollPolicy p = new(0);
        p.Forwarded(10);
        Assert.False(p.Spinning(10));
        Assert.Equal(0, p.Windows);
    }
}
