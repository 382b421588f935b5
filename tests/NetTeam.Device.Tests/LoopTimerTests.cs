using NetTeam.Device.Tests.Fakes;
using NetTeam.Device.Threading;

namespace NetTeam.Device.Tests;

public class LoopTimerTests
{
    [Fact]
    public void DueTimersFireInDeadlineOrderAndTheLoopSleepsToTheNextDeadlineRoundedUp()
    {
        FakeTime clock = new();
        LoopTimerSet set = new(clock, () => true, () => { });
        LoopTimeProvider time = new(clock, set);
        List<string> fired = [];
        using ITimer c = time.CreateTimer(_ => fired.Add("c"), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);
        using ITimer a = time.CreateTimer(_ => fired.Add("a"), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        using ITimer b = time.CreateTimer(_ => fired.Add("b"), null, TimeSpan.FromMilliseconds(20.5), Timeout.InfiniteTimeSpan);

        Assert.Equal(10, set.RunDue(Run));
        Assert.Empty(fired);
        clock.Advance(TimeSpan.FromMilliseconds(25));
        Assert.Equal(5, set.RunDue(Run));
        Assert.Equal(["a", "b"], fired);
        clock.Advance(TimeSpan.FromMilliseconds(4.2));
        // 0.8 ms left: the loop sleeps 1 ms rather than waking early and finding nothing due.
        Assert.Equal(1, set.RunDue(Run));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(Timeout.Infinite, set.RunDue(Run));
        Assert.Equal(["a", "b", "c"], fired);
    }

    [Fact]
    public void APeriodicTimerKeepsItsScheduleAndAfterAStallSkipsWhatItMissedInPhaseRatherThanBurst()
    {
        FakeTime clock = new();
        LoopTimerSet set = new(clock, () => true, () => { });
        LoopTimeProvider time = new(clock, set);
        int count = 0;
        using ITimer t = time.CreateTimer(_ => count++, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        clock.Advance(TimeSpan.FromMilliseconds(130));
        Assert.Equal(70, set.RunDue(Run));
        Assert.Equal(1, count);
        clock.Advance(TimeSpan.FromMilliseconds(70));
        Assert.Equal(100, set.RunDue(Run));
        Assert.Equal(2, count);
        // A stall of 1030 ms (at 1230 ms): one firing for all it missed, then the schedule's own next point,
        // 1300 ms, so a timer on a TimerGrid stays on it.
        clock.Advance(TimeSpan.FromMilliseconds(1030));
        Assert.Equal(70, set.RunDue(Run));
        Assert.Equal(3, count);
    }

    [Fact]
    public void AStoppedOrDisposedTimerDoesNotFireAndAChangeOffTheLoopWakesIt()
    {
        FakeTime clock = new();
        bool onLoop = true;
        int wakes = 0;
        LoopTimerSet set = new(clock, () => onLoop, () => wakes++);
        LoopTimeProvider time = new(clock, set);
        int fired = 0;
        ITimer stopped = time.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
        ITimer disposed = time.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
        Assert.Equal(2, set.Count);
        Assert.True(stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        disposed.Dispose();
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        Assert.Equal(1, set.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Timeout.Infinite, set.RunDue(Run));
        Assert.Equal(0, fired);
        Assert.Equal(0, wakes);

        onLoop = false;
        Assert.True(stopped.Change(TimeSpan.FromMilliseconds(3), Timeout.InfiniteTimeSpan));
        Assert.Equal(1, wakes);
        Assert.Equal(3, set.RunDue(Run));
    }

    [Fact]
    public void ATimerThatRearmsItselfForNowLetsTheLoopTakeItsWorkInBetween()
    {
        FakeTime clock = new();
        LoopTimerSet set = new(clock, () => true, () => { });
        LoopTimeProvider time = new(clock, set);
        int fired = 0;
        ITimer? t = null;
        t = time.CreateTimer(_ =>
        {
            fired++;
            t!.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        Assert.Equal(0, set.RunDue(Run));
        Assert.InRange(fired, 1, 64);
        t.Dispose();
    }

    [Fact]
    public async Task OnALoopOfItsOwnTimersFireOnTheLoopThreadAndAChangeFromAnotherThreadWakesAnIdleLoop()
    {
        using ControlLoop loop = ControlLoop.Start("test-loop");
        int loopThread = loop.Invoke(() => Environment.CurrentManagedThreadId);
        TaskCompletionSource<int> first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        using ITimer timer = loop.CreateTimer(loop.Time, () => first.TrySetResult(Environment.CurrentManagedThreadId), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Assert.Equal(1, loop.TimerCount);
        // The loop sleeps with no deadline; a change from this thread must wake it to the new one.
        await loop.InvokeAsync(() => 0);
        timer.Change(TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);
        Assert.Equal(loopThread, await first.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        TaskCompletionSource<int> periodic = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int ticks = 0;
        using ITimer every = loop.Time.CreateTimer(_ =>
        {
            loop.VerifyAccess();
            if (++ticks == 5)
            {
                periodic.TrySetResult(ticks);
            }
        }, null, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5));
        Assert.Equal(5, await periodic.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static void Run(Action action) => action();
}
