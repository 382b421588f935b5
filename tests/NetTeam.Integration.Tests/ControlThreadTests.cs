using NetTeam.Device;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Threading;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>The team's state belongs to one control thread, and a dead data plane is not a silent one.</summary>
public class ControlThreadTests
{
    [Fact]
    public void EveryStateChangeOfARunningTeamRunsOnItsControlThread()
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        using ControlLoop loop = ControlLoop.Start("test-control");
        List<Exception> fatal = [];
        loop.Fatal = fatal.Add;
        // Link events (the monitor's thread), carrier samples (the data plane's), timers (the pool's) and the
        // test's own calls all reach the device; each internal change checks its thread and throws elsewhere.
        TeamDevice team = topo.CreateTeam("activebackup", loop: loop);
        long checks = loop.AccessChecks;
        team.SetOption("activeport", Device.Options.OptionValue.FromU32((uint)team.GetPort(topo.Ports[0])!.IfIndex));
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        topo.A.Ip("link", "set", topo.Ports[0], "down");
        Assert.True(TeamTopology.WaitFor(() => !team.GetPort(topo.Ports[0])!.Link.Up, TimeSpan.FromSeconds(5)), "the link event did not arrive");
        topo.A.Ip("link", "set", topo.Ports[0], "up");
        Assert.True(TeamTopology.WaitFor(() => team.GetPort(topo.Ports[0])!.Link.Up, TimeSpan.FromSeconds(5)), "the link event did not arrive");
        team.RemovePort(topo.Ports[1]);
        Assert.Empty(fatal);
        Assert.True(loop.AccessChecks > checks, "no state change checked its thread");
        // Off the control thread, internal state cannot be touched.
        InvalidOperationException off = Assert.Throws<InvalidOperationException>(loop.VerifyAccess);
        Assert.Contains("not from its control thread", off.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADataPlaneThatDiesIsFatalAndThePortsAreRestored()
    {
        // The userspace plane: its thread is the one that dies here.
        using TeamTopology topo = new(plane: "userspace");
        LinkSnapshot[] before = [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];
        using ControlLoop loop = ControlLoop.Start("test-control");
        TaskCompletionSource<Exception> fatal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        TeamDevice? team = null;
        // netteamd's handler: restore every port, then end the process (here: report instead of exiting).
        loop.Fatal = ex =>
        {
            team?.Dispose();
            fatal.TrySetResult(ex);
        };
        team = topo.CreateTeam("roundrobin", loop: loop);
        Assert.True(LinkSnapshot.Take(topo.A, topo.Ports[0]).NoArp);
        team.FailDataPlaneForTest();
        Exception error = await fatal.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<DataPlaneFailedException>(error);
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            LinkSnapshot.AssertSame(before[i], LinkSnapshot.Take(topo.A, topo.Ports[i]), topo.Ports[i]);
        }
    }
}
