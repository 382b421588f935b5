using NetTeam.Device.Threading;

namespace NetTeam.Device.Tests;

public class ControlLoopTests
{
    [Fact]
    public async Task PostedWorkRunsInOrderOnTheLoopsOwnThread()
    {
        using ControlLoop loop = ControlLoop.Start("test-loop");
        List<int> seen = [];
        int? thread = null;
        for (int i = 0; i < 100; i++)
        {
            int n = i;
            loop.Post(() =>
            {
                thread ??= Environment.CurrentManagedThreadId;
                Assert.Equal(thread, Environment.CurrentManagedThreadId);
                seen.Add(n);
            });
        }
        int count = await loop.InvokeAsync(() => seen.Count);
        Assert.Equal(100, count);
        Assert.Equal(Enumerable.Range(0, 100), seen);
        Assert.NotEqual(Environment.CurrentManagedThreadId, thread);
        Assert.True(loop.Invoke(() => loop.IsCurrent));
        Assert.False(loop.IsCurrent);
    }

    [Fact]
    public void StateCannotBeTouchedFromAnotherThread()
    {
        using ControlLoop loop = ControlLoop.ForCurrentThread();
        loop.VerifyAccess();
        Exception? off = null;
        Thread other = new(() => off = Record.Exception(loop.VerifyAccess));
        other.Start();
        other.Join();
        Assert.IsType<InvalidOperationException>(off);
    }

    [Fact]
    public void AnInlineLoopRunsPostedWorkAfterTheCurrentAction()
    {
        using ControlLoop loop = ControlLoop.ForCurrentThread();
        List<string> order = [];
        loop.Invoke(() =>
        {
            loop.Post(() => order.Add("posted"));
            order.Add("current");
        });
        Assert.Equal(["current", "posted"], order);
        loop.Post(() => order.Add("idle"));
        Assert.Equal("idle", order[^1]);
    }

    [Fact]
    public async Task ARefusalIsLoggedAndTheLoopGoesOnButABugIsFatal()
    {
        using ControlLoop loop = ControlLoop.Start("test-loop");
        TaskCompletionSource<Exception> fatal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Fatal = ex => fatal.TrySetResult(ex);
        loop.Post(() => throw new TeamException(Interop.Errno.EBUSY, "refused"));
        Assert.Equal(1, await loop.InvokeAsync(() => 1));
        Assert.False(fatal.Task.IsCompleted);
        loop.Post(() => throw new InvalidDataException("a bug"));
        Assert.IsType<InvalidDataException>(await fatal.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task InvokeCarriesTheCallersExceptionBackToIt()
    {
        using ControlLoop loop = ControlLoop.Start("test-loop");
        await Assert.ThrowsAsync<ArgumentException>(() => loop.InvokeAsync<int>(() => throw new ArgumentException("x")));
        Assert.Throws<ArgumentException>(() => loop.Invoke<int>(() => throw new ArgumentException("y")));
    }
}
