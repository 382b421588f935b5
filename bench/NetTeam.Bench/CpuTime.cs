using System.Globalization;

namespace NetTeam.Bench;

/// <summary>The machine's CPU time from the first line of /proc/stat (proc(5)), in clock ticks (USER_HZ, 100 on Linux).</summary>
internal readonly record struct CpuTime(long Busy, long Idle)
{
    private const double TicksPerSecond = 100;

    public double BusySeconds => Busy / TicksPerSecond;

    public static CpuTime Read()
    {
        string[] f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long[] v = [.. f.Skip(1).Select(x => long.Parse(x, CultureInfo.InvariantCulture))];
        // user nice system idle iowait irq softirq steal: idle and iowait are not work.
        long idle = v[3] + v[4];
        long busy = v[0] + v[1] + v[2] + v[5] + v[6] + (v.Length > 7 ? v[7] : 0);
        return new CpuTime(busy, idle);
    }

    public static CpuTime operator -(CpuTime a, CpuTime b) => new(a.Busy - b.Busy, a.Idle - b.Idle);
}
