using System.Diagnostics;

namespace NetTeam.Integration.Tests;

/// <summary>
/// Issue 14: the bench's soak, shortened to 2 minutes for CI, run as the bench binary: every runner on both
/// data planes under traffic, link flaps, port removal and re-adding, control requests and outside MTU
/// changes. It exits 0 only when its goals hold (flat memory and descriptors, no loss outside a disruption,
/// no crash, every port restored), and prints its seed for a rerun.
/// </summary>
public class SoakTests
{
    [Fact]
    public async Task ATwoMinuteSoakOfEveryRunnerOnBothPlanesMeetsItsGoals()
    {
        ProcessStartInfo psi = new("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "netteam-bench.dll"), "soak", "--minutes", "2" })
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        // Two minutes of soak, the daemons' start and stop on a loaded 2-core machine, and a margin.
        using CancellationTokenSource deadline = new(TimeSpan.FromMinutes(8));
        try
        {
            await p.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("the soak did not end within 8 minutes: " + await stdout);
        }
        string output = await stdout + await stderr;
        Console.WriteLine(output);
        Assert.True(p.ExitCode == 0, output);
        Assert.Contains("goals: met", output, StringComparison.Ordinal);
    }
}
