using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace NetTeam.Bench;

/// <summary>
/// `netteam-bench soak [--minutes N] [--seed S] [--planes userspace,ebpf] [--runners a,b,...] [--gen0 HEX|default]` (issue 14): a
/// netteamd of each runner (activebackup, loadbalance, lacp with a partner netteamd, roundrobin, broadcast,
/// random) on each data plane, all at once, each under a UDP stream and its own seeded chaos (<see cref="SoakTeam"/>),
/// sampled every minute. Exit code 0 when the goals hold: resident memory and descriptors within 5% of the
/// first minute's, no datagram lost outside a disruption's window, no crash, every port's settings back.
/// </summary>
internal static class SoakCommand
{
    private static readonly string[] s_runners = ["activebackup", "loadbalance", "lacp", "roundrobin", "broadcast", "random"];

    public static int Run(string[] args)
    {
        double minutes = 60;
        int seed = Random.Shared.Next();
        string[] planes = ["userspace", "ebpf"];
        string[] runners = s_runners;
        string? gen0 = "100000";
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--minutes":
                    minutes = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--seed":
                    seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--planes":
                    planes = args[i + 1].Split(',');
                    break;
                case "--runners":
                    runners = args[i + 1].Split(',');
                    break;
                case "--gen0":
                    gen0 = args[i + 1] == "default" ? null : args[i + 1];
                    break;
                default:
                    Console.Error.WriteLine("usage: netteam-bench soak [--minutes N] [--seed S] [--planes userspace,ebpf] [--runners activebackup,...] [--gen0 HEX|default]");
                    return 2;
            }
        }
        if (minutes < 2)
        {
            Console.Error.WriteLine($"--minutes: {minutes} is too short (expected at least 2: the goals compare later minutes with the first)");
            return 2;
        }
        Console.WriteLine($"netteam-bench soak: {minutes} min, seed {seed}, planes {string.Join(',', planes)}, runners {string.Join(',', runners)}, " +
            $"daemons' gen0 budget {(gen0 is null ? "the runtime's" : "0x" + gen0 + " bytes")}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} vCPU, {BenchTopology.Kernel()}");
        string[] netteamd = ["dotnet", Path.Combine(AppContext.BaseDirectory, "netteamd.dll")];
        string work = Directory.CreateTempSubdirectory("netteam-soak-").FullName;
        Random master = new(seed);
        Stopwatch clock = Stopwatch.StartNew();
        List<SoakTeam> teams = [];
        List<string> problems = [];
        try
        {
            foreach (string plane in planes)
            {
                foreach (string runner in runners)
                {
                    SoakTeam team = new(teams.Count, runner, plane, master.Next(), clock, work) { Gen0Size = gen0 };
                    teams.Add(team);
                    team.Build();
                    team.Start(netteamd);
                }
            }
            Console.WriteLine($"{teams.Count} teams up after {clock.Elapsed.TotalSeconds:F0} s; soaking");
            // Each team counts its minutes from its own start; the last one started gets all of them, and a few
            // seconds more, so that every chaos thread takes its last sample.
            if (Interrupted(TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(6)))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"interrupted after {clock.Elapsed.TotalMinutes:F1} min"));
            }
            foreach (SoakTeam team in teams)
            {
                problems.AddRange(team.StopAndCheck());
            }
        }
        catch (Exception ex)
        {
            // Whatever went wrong (a team that would not build, a daemon that would not answer), the teams are
            // stopped and their namespaces deleted below: an exception left unhandled would skip that.
            Console.Error.WriteLine($"netteam-bench soak: {ex.Message}");
            problems.Add(ex.Message);
        }
        finally
        {
            teams.ForEach(t => t.Dispose());
        }
        bool met = SoakReport.Print(teams, problems, (int)minutes);
        Directory.Delete(work, recursive: true);
        return met ? 0 : 1;
    }

    /// <summary>
    /// Waits <paramref name="duration"/>; true when Ctrl-C or a SIGTERM came first. Either way the soak goes
    /// on to the same stop, check and clean-up as at its end, so an interrupted run leaves no namespace.
    /// </summary>
    private static bool Interrupted(TimeSpan duration)
    {
        using ManualResetEventSlim interrupted = new();
        Action<PosixSignalContext> onSignal = c =>
        {
            c.Cancel = true;
            interrupted.Set();
        };
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, onSignal);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, onSignal);
        return interrupted.Wait(duration);
    }
}
