using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetTeam.Bench;

/// <summary>
/// The figures for one path: iperf3 TCP with 1 and 4 streams, 64-byte UDP rate, ping RTT with a ping every
/// 2 ms and every 20 ms (the second is outside any busy-poll window, so it shows what sparse traffic sees),
/// and the CPU time the whole machine spent per gigabyte of the 1-stream transfer (/proc/stat: every core,
/// user, system and softirq, so the kernel's share of forwarding counts as much as a thread's).
/// </summary>
internal sealed partial record Measurement(string Path, double Tcp1, double Tcp4, double SmallPps, double Rtt2Micros, double Rtt20Micros, double CpuSecondsPerGigabyte)
{
    public static Measurement Run(string path, BenchTopology topo, string peer, int seconds)
    {
        Console.Write($"{path}: ");
        // Settle ARP and learning before measuring.
        BenchTopology.Run("ip", "netns", "exec", topo.A, "ping", "-c", "3", "-i", "0.05", "-W", "1", peer);
        CpuTime before = CpuTime.Read();
        (double tcp1, double bytes) = IperfBytes(topo, peer, seconds, "-P", "1");
        double cpuPerGb = (CpuTime.Read() - before).BusySeconds / (bytes / 1e9);
        Console.Write($"TCP1 {tcp1 / 1e9:F2} Gbit/s ({cpuPerGb:F2} CPU s/GB), ");
        double tcp4 = IperfBytes(topo, peer, seconds, "-P", "4").BitsPerSecond;
        Console.Write($"TCP4 {tcp4 / 1e9:F2} Gbit/s, ");
        double pps = IperfUdp(topo, peer, seconds);
        Console.Write($"UDP64 {pps / 1e3:F1} kpps, ");
        double rtt2 = Rtt(topo, peer, 0.002, Math.Max(200, seconds * 100));
        double rtt20 = Rtt(topo, peer, 0.02, Math.Max(50, seconds * 20));
        Console.WriteLine($"RTT {rtt2:F1} us (2 ms), {rtt20:F1} us (20 ms)");
        return new Measurement(path, tcp1, tcp4, pps, rtt2, rtt20, cpuPerGb);
    }

    private static JsonDocument Client(BenchTopology topo, string peer, params string[] extra)
    {
        // A one-off server (-1) in the peer namespace, started by pid and waited for.
        ProcessStartInfo server = new("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "netns", "exec", topo.B, "iperf3", "-s", "-1", "-B", peer, "-p", "5399" })
        {
            server.ArgumentList.Add(a);
        }
        using Process s = Process.Start(server)!;
        try
        {
            string json = string.Empty;
            for (int attempt = 0; attempt < 50; attempt++)
            {
                try
                {
                    json = BenchTopology.Run("ip", ["netns", "exec", topo.A, "iperf3", "-c", peer, "-p", "5399", "-J", .. extra]);
                    if (!json.Contains("\"error\"", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
                catch (InvalidOperationException) when (attempt < 49)
                {
                }
                // The server is not listening yet.
                Thread.Sleep(50);
            }
            return JsonDocument.Parse(json);
        }
        finally
        {
            if (!s.WaitForExit(5000))
            {
                s.Kill(entireProcessTree: true);
            }
        }
    }

    private static (double BitsPerSecond, double Bytes) IperfBytes(BenchTopology topo, string peer, int seconds, params string[] extra)
    {
        using JsonDocument doc = Client(topo, peer, ["-t", seconds.ToString(CultureInfo.InvariantCulture), .. extra]);
        JsonElement received = doc.RootElement.GetProperty("end").GetProperty("sum_received");
        return (received.GetProperty("bits_per_second").GetDouble(), received.GetProperty("bytes").GetDouble());
    }

    private static double IperfUdp(BenchTopology topo, string peer, int seconds)
    {
        using JsonDocument doc = Client(topo, peer, "-u", "-l", "64", "-b", "0", "-t", seconds.ToString(CultureInfo.InvariantCulture));
        JsonElement sum = doc.RootElement.GetProperty("end").GetProperty("sum");
        double packets = sum.GetProperty("packets").GetDouble() - sum.GetProperty("lost_packets").GetDouble();
        return packets / sum.GetProperty("seconds").GetDouble();
    }

    private static double Rtt(BenchTopology topo, string peer, double interval, int count)
    {
        string output = BenchTopology.Run("ip", "netns", "exec", topo.A, "ping", "-c", count.ToString(CultureInfo.InvariantCulture), "-i", interval.ToString(CultureInfo.InvariantCulture), "-q", peer);
        Match m = RttLine().Match(output);
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000 : double.NaN;
    }

    [GeneratedRegex(@"= [\d.]+/([\d.]+)/")]
    private static partial Regex RttLine();
}
