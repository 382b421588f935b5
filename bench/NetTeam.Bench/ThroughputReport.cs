using System.Globalization;

namespace NetTeam.Bench;

/// <summary>The main bench's table: each figure for the direct pair and both planes, and each plane's ratio to direct.</summary>
internal static class ThroughputReport
{
    public static void Print(Measurement direct, Measurement userspace, Measurement ebpf)
    {
        Console.WriteLine();
        Console.WriteLine($"{"figure",-28}{"direct",12}{"userspace",12}{"eBPF",12}{"user/direct",14}{"eBPF/direct",14}");
        Ratio("TCP 1 stream (Gbit/s)", direct.Tcp1 / 1e9, userspace.Tcp1 / 1e9, ebpf.Tcp1 / 1e9, "F2");
        Ratio("TCP 4 streams (Gbit/s)", direct.Tcp4 / 1e9, userspace.Tcp4 / 1e9, ebpf.Tcp4 / 1e9, "F2");
        Ratio("64-byte UDP (kpps)", direct.SmallPps / 1e3, userspace.SmallPps / 1e3, ebpf.SmallPps / 1e3, "F1");
        Added("RTT, ping every 2 ms (us)", direct.Rtt2Micros, userspace.Rtt2Micros, ebpf.Rtt2Micros);
        Added("RTT, ping every 20 ms (us)", direct.Rtt20Micros, userspace.Rtt20Micros, ebpf.Rtt20Micros);
        Ratio("CPU s per GB (TCP 1)", direct.CpuSecondsPerGigabyte, userspace.CpuSecondsPerGigabyte, ebpf.CpuSecondsPerGigabyte, "F2");
        Console.WriteLine("(RTT: average of ping -i 0.002 and -i 0.02; the userspace plane polls for 2 ms after its last frame)");
    }

    private static void Ratio(string name, double direct, double user, double ebpf, string format) =>
        Console.WriteLine($"{name,-28}{F(direct, format),12}{F(user, format),12}{F(ebpf, format),12}{Times(user, direct),14}{Times(ebpf, direct),14}");

    private static void Added(string name, double direct, double user, double ebpf) =>
        Console.WriteLine($"{name,-28}{F(direct, "F1"),12}{F(user, "F1"),12}{F(ebpf, "F1"),12}{Plus(user, direct),14}{Plus(ebpf, direct),14}");

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Times(double v, double direct) => direct > 0 ? (v / direct).ToString("F2", CultureInfo.InvariantCulture) + "x" : "-";

    private static string Plus(double v, double direct) => (v - direct >= 0 ? "+" : string.Empty) + (v - direct).ToString("F1", CultureInfo.InvariantCulture) + " us";
}
