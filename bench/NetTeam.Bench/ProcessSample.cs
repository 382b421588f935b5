using System.Globalization;

namespace NetTeam.Bench;

/// <summary>
/// One look at a process through /proc (proc(5)): CPU time (utime + stime of stat, every thread's, ended ones
/// too, in clock ticks: USER_HZ is 100, so 10 ms; schedstat would be finer but reads 0 on this kernel), the
/// voluntary context switches of its threads (each is a sleep, so a wake-up), resident memory and the
/// thread count from status.
/// </summary>
internal readonly record struct ProcessSample(long CpuNanoseconds, long VoluntarySwitches, long ResidentBytes, int Threads, Dictionary<string, long> SwitchesByThread)
{
    public static ProcessSample Read(int pid)
    {
        const long NanosecondsPerTick = 10_000_000;
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
        string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long cpu = (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) * NanosecondsPerTick;
        long switches = 0;
        Dictionary<string, long> byThread = [];
        foreach (string task in Directory.GetDirectories($"/proc/{pid}/task"))
        {
            try
            {
                long n = StatusField(File.ReadAllLines(Path.Combine(task, "status")), "voluntary_ctxt_switches:");
                string name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                switches += n;
                byThread[name] = byThread.GetValueOrDefault(name) + n;
            }
            catch (IOException)
            {
                // A thread that ended between the listing and the read.
            }
        }
        string[] status = File.ReadAllLines($"/proc/{pid}/status");
        return new ProcessSample(cpu, switches, StatusField(status, "VmRSS:") * 1024, (int)StatusField(status, "Threads:"), byThread);
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
}
