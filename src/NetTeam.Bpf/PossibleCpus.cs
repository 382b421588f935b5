using System.Globalization;

namespace NetTeam.Bpf;

/// <summary>
/// The possible CPUs (Documentation/admin-guide/cputopology.rst): a per-CPU map holds one value for each,
/// in CPU order, whether or not the CPU is online, so a read of one element returns this many values.
/// </summary>
public static class PossibleCpus
{
    private const string Path = "/sys/devices/system/cpu/possible";

    private static readonly Lazy<int> s_count = new(() => Parse(File.ReadAllText(Path)));

    /// <summary>num_possible_cpus(): how many values a per-CPU map element has.</summary>
    public static int Count => s_count.Value;

    /// <summary>Counts the CPUs of a cpulist such as "0-3,8-11" or "0".</summary>
    public static int Parse(string cpuList)
    {
        ArgumentNullException.ThrowIfNull(cpuList);
        int count = 0;
        foreach (string range in cpuList.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int dash = range.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                _ = int.Parse(range, NumberStyles.None, CultureInfo.InvariantCulture);
                count++;
                continue;
            }
            int first = int.Parse(range.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture);
            int last = int.Parse(range.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
            if (last < first)
            {
                throw new FormatException($"CPU range \"{range}\" runs backwards.");
            }
            count += last - first + 1;
        }
        return count > 0 ? count : throw new FormatException($"\"{cpuList}\" names no CPU.");
    }
}
