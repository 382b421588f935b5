using System.Globalization;
using NetTeam.Interop;

namespace NetTeam.Bench;

/// <summary>
/// One look at a process: CPU time as the scheduler counts it, in ns, every thread's and ended ones' too
/// (<see cref="ProcessCpuClock"/>; stat's utime and stime are ticks sampled at USER_HZ 100, so that a 60 s
/// window at 0.2 % of a core is some 12 samples, +-30 %, and timer-driven wake-ups can line up with the
/// tick), and through /proc (proc(5)) each thread's share (the first field of its schedstat), the voluntary
/// context switches of its threads (each is a sleep, so a wake-up), resident memory and the thread count.
/// A thread that ends between two samples takes its share with it; <see cref="ThreadIds"/> tells whether one did.
/// </summary>
internal readonly record struct ProcessSample(long CpuNanoseconds, long VoluntarySwitches, long ResidentBytes, int Threads, Dictionary<string, long> SwitchesByThread, Dictionary<string, long> CpuByThread, HashSet<string> ThreadIds)
{
    public static ProcessSample Read(int pid)
    {
        long switches = 0;
        long cpu = 0;
        Dictionary<string, long> byThread = [];
        Dictionary<string, long> cpuByThread = [];
        HashSet<string> ids = [];
        foreach (string task in Directory.GetDirectories($"/proc/{pid}/task"))
        {
            try
            {
                long ns = long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
                long n = StatusField(File.ReadAllLines(Path.Combine(task, "status")), "voluntary_ctxt_switches:");
                string name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                cpu += ns;
                switches += n;
                byThread[name] = byThread.GetValueOrDefault(name) + n;
                cpuByThread[name] = cpuByThread.GetValueOrDefault(name) + ns;
                ids.Add(Path.GetFileName(task));
            }
            catch (IOException)
            {
                // A thread that ended between the listing and the read.
            }
        }
        string[] status = File.ReadAllLines($"/proc/{pid}/status");
        cpu = ProcessCpuClock.Nanoseconds(pid) ?? cpu;
        return new ProcessSample(cpu, switches, StatusField(status, "VmRSS:") * 1024, (int)StatusField(status, "Threads:"), byThread, cpuByThread, ids);
    }

    private static long StatusField(string[] lines, string key)
    {
        string line = lines.First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>Wake-ups per second of each thread (by name) between <paramref name="before"/> and this sample.</summary>
    public string WakeupsByThread(ProcessSample before, double seconds) => string.Join(", ", SwitchesByThread
        .Select(t => (t.Key, Rate: (t.Value - before.SwitchesByThread.GetValueOrDefault(t.Key)) / seconds))
        .Where(t => t.Rate >= 0.5)
        .OrderByDescending(t => t.Rate)
        .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Rate:F0}")));

    /// <summary>CPU (% of one core) of each thread (by name) between <paramref name="before"/> and this sample.</summary>
    public string CpuPercentByThread(ProcessSample before, double seconds) => string.Join(", ", CpuByThread
        .Select(t => (t.Key, Percent: 100.0 * (t.Value - before.CpuByThread.GetValueOrDefault(t.Key)) / 1e9 / seconds))
        .Where(t => t.Percent >= 0.005)
        .OrderByDescending(t => t.Percent)
        .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Percent:F3}")));

    /// <summary>Whether some thread of <paramref name="before"/> is gone: its CPU time is then missing from the difference.</summary>
    public bool LostThreadsSince(ProcessSample before) => !before.ThreadIds.IsSubsetOf(ThreadIds);
}
