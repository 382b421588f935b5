using System.Diagnostics;
using NetTeam.Device.DataPlane;

namespace NetTeam.Bench;

/// <summary>
/// The restart figure (issue 11): the same 1 ms probe stream across kill -9 of netteamd and a restart with
/// -o, and across a handover from a live daemon to a new one. Lost probes, and how long after the new daemon
/// was ready the probes came back (the userspace plane forwards nothing in between).
/// </summary>
internal sealed partial class FailoverBench
{
    private const int RestartProbes = 6000;
    private const int RestartAt = 1000;

    public List<(int Lost, double BackAfterReadyMs)> MeasureRestart(DataPlaneKind plane, bool handover, int trials)
    {
        const string watch = """{"name": "ethtool"}""";
        StartDaemon(plane, watch);
        List<(int, double)> results = [];
        try
        {
            for (int t = 0; t < trials; t++)
            {
                WaitActive(_topo.Ports[0], everyPortUp: true);
                Stopwatch clock = new();
                double readyMs = 0;
                (int lost, _) = ProbeAcross(() =>
                {
                    clock.Start();
                    if (!handover)
                    {
                        _daemon!.Kill();
                        _daemon.WaitForExit();
                    }
                    // With -o a live daemon is asked to hand over; a dead one's team is taken over.
                    Process? previous = _daemon;
                    StartDaemon(plane, watch, "-o");
                    readyMs = clock.Elapsed.TotalMilliseconds;
                    previous?.WaitForExit(15_000);
                    previous?.Dispose();
                }, RestartProbes, out bool[] answered);
                results.Add((lost, BackAfterReady(answered, RestartAt + readyMs)));
            }
        }
        finally
        {
            StopDaemon();
        }
        return results;
    }

    /// <summary>Milliseconds from the new daemon's readiness to the first answered probe of the last run of answers.</summary>
    private static double BackAfterReady(bool[] answered, double readyAtProbe)
    {
        int lastLost = Array.FindLastIndex(answered, a => !a);
        return lastLost < 0 ? 0 : Math.Max(0, lastLost + 1 - readyAtProbe) * Spacing.TotalMilliseconds;
    }
}
