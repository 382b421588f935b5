using System.Globalization;

namespace NetTeam.Bench;

/// <summary>The soak's table, minute by minute and team by team, and its goals beside the figures.</summary>
internal static class SoakReport
{
    /// <summary>How far resident memory and descriptors may stray from the first minute's (issue 14).</summary>
    private const double Tolerance = 0.05;

    /// <summary>Prints everything; true when every goal is met.</summary>
    public static bool Print(List<SoakTeam> teams, List<string> problems, int minutes)
    {
        Console.WriteLine();
        Console.WriteLine($"{"team",-24}{"min",4}{"RSS MiB",9}{"thr",5}{"fds",5}{"dp drops",10}{"sent",9}{"lost",7}");
        foreach (SoakTeam t in teams)
        {
            foreach (SoakSample s in t.Samples)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{t.Label,-24}{s.Minute,4}{s.ResidentBytes / 1048576.0,9:F1}{s.Threads,5}{s.Descriptors,5}{s.DataPlaneDrops,10}{s.Sent,9}{s.Lost,7}"));
            }
        }
        Console.WriteLine();
        bool met = true;
        int crashes = teams.Sum(t => t.Crashes);
        long unexpected = 0;
        long expected = 0;
        foreach (SoakTeam t in teams)
        {
            List<long> lost = t.Samples.Count > 0 ? t.Traffic.Lost() : [];
            List<long> outsideAt = [.. lost.Where(at => !t.Windows.Covers(at))];
            long outside = outsideAt.Count;
            if (outside > 0)
            {
                // Where they fell: seconds into the run and after the end of the last window, for a diagnosis.
                Console.WriteLine($"{t.Label}: lost outside the windows at " + string.Join(", ", outsideAt.Take(10).Select(at =>
                    string.Create(CultureInfo.InvariantCulture, $"{(double)at / System.Diagnostics.Stopwatch.Frequency:F2} s (+{(double)t.Windows.SinceLastEnd(at) / System.Diagnostics.Stopwatch.Frequency:F2} s after a window)"))));
            }
            unexpected += outside;
            expected += lost.Count - outside;
            string flat = Flat(t.Samples, s => s.ResidentBytes, out string rss) & Flat(t.Samples, s => s.Descriptors, out string fds) ? "flat" : "NOT FLAT";
            met &= flat == "flat" && outside == 0 && t.Samples.Count >= minutes;
            Console.WriteLine($"{t.Label,-24} {flat}: RSS {rss}, fds {fds}; lost {lost.Count} ({outside} outside the windows); samples {t.Samples.Count}; " +
                string.Join(", ", t.Actions.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}")));
        }
        met &= crashes == 0 && problems.Count == 0;
        problems.ForEach(p => Console.WriteLine("problem: " + p));
        Console.WriteLine();
        Console.WriteLine($"{"goal",-58}{"figure",16}");
        Console.WriteLine($"{"resident memory and descriptors within 5% of minute 1",-58}{(teams.All(t => Flat(t.Samples, s => s.ResidentBytes, out _) && Flat(t.Samples, s => s.Descriptors, out _)) ? "yes" : "no"),16}");
        Console.WriteLine($"{"datagrams lost outside the disruption windows: 0",-58}{unexpected,16}");
        Console.WriteLine($"{"(lost inside them, expected)",-58}{expected,16}");
        Console.WriteLine($"{"crashes: 0",-58}{crashes,16}");
        Console.WriteLine($"{"ports not restored (MTU, MAC, flags): 0",-58}{problems.Count(p => p.Contains("not restored", StringComparison.Ordinal)),16}");
        Console.WriteLine(met ? "goals: met" : "goals: NOT met");
        return met;
    }

    /// <summary>Every minute after the first within <see cref="Tolerance"/> of the first; the range as text.</summary>
    private static bool Flat(List<SoakSample> samples, Func<SoakSample, long> figure, out string range)
    {
        if (samples.Count == 0)
        {
            range = "no samples";
            return false;
        }
        long first = figure(samples[0]);
        long min = samples.Min(figure);
        long max = samples.Max(figure);
        range = string.Create(CultureInfo.InvariantCulture, $"{first} first, {min}..{max}");
        return samples.Skip(1).All(s => Math.Abs(figure(s) - first) <= Tolerance * first);
    }
}
