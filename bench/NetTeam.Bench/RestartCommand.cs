using System.Globalization;
using NetTeam.Device.DataPlane;

namespace NetTeam.Bench;

/// <summary>`netteam-bench restart [--trials N] [--plane userspace|ebpf|both]`: probes lost across kill -9 + restart and across a handover.</summary>
internal static class RestartCommand
{
    public static int Run(string[] args)
    {
        (int trials, List<DataPlaneKind> planes) = TrialOptions.Parse(args);
        using BenchTopology topo = new();
        Console.WriteLine($"netteam-bench restart: activebackup over two veth pairs to a bridge, a probe every 1 ms echoed back, {trials} trials each");
        Console.WriteLine($"machine: {Environment.ProcessorCount} vCPU, {BenchTopology.Kernel()}");
        topo.Build();
        using FailoverBench bench = new(topo);
        List<(string Name, List<(int Lost, double BackMs)> Results, string Goal)> rows = [];
        try
        {
            bench.Build();
            foreach (DataPlaneKind plane in planes)
            {
                string p = plane.ToString().ToLowerInvariant();
                string goal = plane == DataPlaneKind.Ebpf ? "0 lost" : "back <= 1000 ms";
                rows.Add(($"{p}: kill -9, restart with -o", bench.MeasureRestart(plane, handover: false, trials), goal));
                rows.Add(($"{p}: handover to a new daemon (-o)", bench.MeasureRestart(plane, handover: true, trials), goal));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
        {
            Console.Error.WriteLine($"netteam-bench restart: {ex.Message}");
            return 1;
        }
        Console.WriteLine();
        Console.WriteLine($"{"restart",-44}{"lost probes min/median/max",28}{"back after ready ms (median)",30}{"goal",18}");
        foreach ((string name, List<(int Lost, double BackMs)> results, string goal) in rows)
        {
            int[] lost = [.. results.Select(x => x.Lost).Order()];
            double[] back = [.. results.Select(x => x.BackMs).Order()];
            string figures = string.Create(CultureInfo.InvariantCulture, $"{lost[0]}/{lost[lost.Length / 2]}/{lost[^1]}");
            Console.WriteLine($"{name,-44}{figures,28}{back[back.Length / 2].ToString("F0", CultureInfo.InvariantCulture),30}{goal,18}");
        }
        return 0;
    }
}
