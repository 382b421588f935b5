using System.Globalization;

namespace NetTeam.Bench;

/// <summary>
/// `netteam-bench idle [--seconds N] [--plane auto|userspace|ebpf] [--aot PATH]`: the cost of a netteamd that
/// sits there, the JIT build beside the Native AOT one (dist/out/publish, made by `bash dist/build-deb`), in
/// one run, against issue 12's goals.
/// </summary>
internal static class IdleCommand
{
    public static int Run(string[] args)
    {
        int seconds = 60;
        string plane = "auto";
        string? aot = FindAot();
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seconds":
                    seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--plane":
                    plane = args[i + 1];
                    break;
                case "--aot":
                    aot = Path.GetFullPath(args[i + 1]);
                    break;
                default:
                    Console.Error.WriteLine("usage: netteam-bench idle [--seconds N] [--plane auto|userspace|ebpf] [--aot PATH]");
                    return 2;
            }
        }
        string[] jit = ["dotnet", Path.Combine(AppContext.BaseDirectory, "netteamd.dll")];
        List<(string Name, string[] Command)> builds = [("JIT", jit)];
        if (aot is not null && File.Exists(aot))
        {
            builds.Add(("AOT", [aot]));
        }
        else
        {
            Console.WriteLine("no Native AOT netteamd (run `bash dist/build-deb` or pass --aot PATH): the JIT build only");
        }

        using BenchTopology topo = new();
        Console.WriteLine($"netteam-bench idle: lacp fast_rate, arp_ping every 100 ms, two ports facing a partner netteamd; {seconds} s idle, plane {plane}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} vCPU, {BenchTopology.Kernel()}");
        topo.Build();
        List<(string Name, IdleFigures Figures)> rows = [];
        List<double> floor = [];
        try
        {
            if (plane != "userspace")
            {
                floor = TcxAttachFloor.Measure(topo, IdleBench.StartSamples);
            }
            using IdleBench bench = new(topo, plane);
            bench.StartPartner(jit);
            foreach ((string name, string[] command) in builds)
            {
                IdleFigures f = bench.Measure(command, TimeSpan.FromSeconds(seconds));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: ready {f.ReadyMs:F0} ms (median of {IdleBench.StartSamples} starts, {f.ReadyMinMs:F0}-{f.ReadyMaxMs:F0}; after kill -9, with -o: {f.RestartReadyMs:F0} ms), RSS {f.ResidentMiB:F1} MiB, {f.Threads} threads, CPU {f.CpuPercent:F2} % of a core, {f.WakeupsPerSecond:F0} wake-ups/s ({f.WakeupsByThread}); CPU by thread: {f.CpuByThread}{(f.ThreadEnded ? " (a thread ended in the window: its share is in the total only)" : "")}"));
                rows.Add((name, f));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
        {
            Console.Error.WriteLine($"netteam-bench idle: {ex.Message}");
            return 1;
        }
        Print(rows);
        if (floor.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"kernel floor of an eBPF start: its 3 tcx attaches (an RCU grace period each, under rtnl_lock) take {floor[floor.Count / 2]:F0} ms here (median of {floor.Count}, {floor[0]:F0}-{floor[^1]:F0})"));
        }
        return 0;
    }

    private static void Print(List<(string Name, IdleFigures Figures)> rows)
    {
        Console.WriteLine();
        Console.Write($"{"figure",-36}");
        rows.ForEach(r => Console.Write($"{r.Name,12}"));
        Console.WriteLine($"{"goal",12}");
        Row("start to control-ready (ms, median)", f => f.ReadyMs.ToString("F0", CultureInfo.InvariantCulture), "<= 50");
        Row("  fastest-slowest start (ms)", f => string.Create(CultureInfo.InvariantCulture, $"{f.ReadyMinMs:F0}-{f.ReadyMaxMs:F0}"), "");
        Row("restart after kill -9 (-o) (ms)", f => f.RestartReadyMs.ToString("F0", CultureInfo.InvariantCulture), "");
        Row("resident memory (MiB)", f => f.ResidentMiB.ToString("F1", CultureInfo.InvariantCulture), "<= 15");
        Row("threads", f => f.Threads.ToString(CultureInfo.InvariantCulture), "");
        Row("idle CPU (% of one core)", f => f.CpuPercent.ToString("F2", CultureInfo.InvariantCulture), "<= 0.2");
        Row("wake-ups per second", f => f.WakeupsPerSecond.ToString("F0", CultureInfo.InvariantCulture), "");
        Console.WriteLine("(ready: from exec through nsenter to the first answer of this process on the control socket)");

        void Row(string name, Func<IdleFigures, string> value, string goal)
        {
            Console.Write($"{name,-36}");
            rows.ForEach(r => Console.Write($"{value(r.Figures),12}"));
            Console.WriteLine($"{goal,12}");
        }
    }

    /// <summary>dist/out/publish/NetTeam.Daemon/netteamd above the working directory or the bench's own.</summary>
    private static string? FindAot()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                string candidate = Path.Combine(d.FullName, "dist", "out", "publish", "NetTeam.Daemon", "netteamd");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
