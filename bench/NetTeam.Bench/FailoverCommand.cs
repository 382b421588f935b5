using System.Globalization;
using NetTeam.Device.DataPlane;

namespace NetTeam.Bench;

/// <summary>`netteam-bench failover [--trials N] [--plane userspace|ebpf|both]`: both failures on each plane asked for.</summary>
internal static class FailoverCommand
{
    public static int Run(string[] args)
    {
        (int trials, List<DataPlaneKind> planes) = TrialOptions.Parse(args);
        using BenchTopology topo = new();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            topo.Dispose();
            Environment.Exit(130);
        };
        Console.WriteLine($"netteam-bench failover: activebackup over two veth pairs to a bridge, a probe every 1 ms echoed back, {trials} trials each");
        Console.WriteLine($"machine: {Environment.ProcessorCount} vCPU, {BenchTopology.Kernel()}");
        topo.Build();
        using FailoverBench bench = new(topo);
        List<(string Name, List<(int Lost, double GapMs)> Results, string Goal)> rows = [];
        try
        {
            bench.Build();
            foreach (DataPlaneKind plane in planes)
            {
                string p = plane.ToString().ToLowerInvariant();
                rows.Add(($"{p}: carrier loss (ethtool)", bench.Measure(plane, """{"name": "ethtool"}""", FailoverBench.CarrierDown, FailoverBench.CarrierUp, trials), "<= 10 ms"));
                rows.Add(($"{p}: silent failure (arp_ping 100 ms, missed 3)", bench.Measure(plane, """{"name": "arp_ping", "interval": 100, "missed_max": 3, "target_host": "10.213.11.2"}""", FailoverBench.Silence, FailoverBench.Unsilence, trials), "<= 400 ms"));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
        {
            // The daemon and the namespaces are removed on the way out (using), whatever failed.
            Console.Error.WriteLine($"netteam-bench failover: {ex.Message}");
            return 1;
        }
        Console.WriteLine();
        Console.WriteLine($"{"failure (watcher)",-56}{"lost probes min/median/max",28}{"gap ms max",12}{"goal",14}");
        foreach ((string name, List<(int Lost, double GapMs)> results, string goal) in rows)
        {
            int[] lost = [.. results.Select(x => x.Lost).Order()];
            string figures = string.Create(CultureInfo.InvariantCulture, $"{lost[0]}/{lost[lost.Length / 2]}/{lost[^1]}");
            Console.WriteLine($"{name,-56}{figures,28}{results.Max(x => x.GapMs).ToString("F0", CultureInfo.InvariantCulture),12}{goal,14}");
        }
        return 0;
    }
}
