using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NetTeam.Bench;

/// <summary>The four figures for one path: iperf3 TCP with 1 and 4 streams, 64-byte UDP rate, ping RTT.</summary>
internal sealed partial record Measurement(string Path, double Tcp1, double Tcp4, double SmallPps, double RttMicros)
{
    public static Measurement Run(string path, BenchTopology topo, string peer, int seconds)
    {
        Console.Write($"{path}: ");
        // Settle ARP and learning before measuring.
        BenchTopology.Run("ip", "netns", "exec", topo.A, "ping", "-c", "3", "-i", "0.05", "-W", "1", peer);
        double tcp1 = Iperf(topo, peer, seconds, "-P", "1");
        Console.Write($"TCP1 {tcp1 / 1e9:F2} Gbit/s, ");
        double tcp4 = Iperf(topo, peer, seconds, "-P", "4");
        Console.Write($"TCP4 {tcp4 / 1e9:F2} Gbit/s, ");
        double pps = IperfUdp(topo, peer, seconds);
        Console.Write($"UDP64 {pps / 1e3:F1} kpps, ");
        double rtt = Rtt(topo, peer);
        Console.WriteLine($"RTT {rtt:F1} us");
        return new Measurement(path, tcp1, tcp4, pps, rtt);
    }

    public static double RttOnly(BenchTopology topo, string peer)
    {
        BenchTopology.Run("ip", "netns", "exec", topo.A, "ping", "-c", "3", "-i", "0.05", "-W", "1", peer);
        return Rtt(topo, peer);
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

    private static double Iperf(BenchTopology topo, string peer, int seconds, params string[] extra)
    {
        using JsonDocument doc = Client(topo, peer, ["-t", seconds.ToString(CultureInfo.InvariantCulture), .. extra]);
        return doc.RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();
    }

    private static double IperfUdp(BenchTopology topo, string peer, int seconds)
    {
        using JsonDocument doc = Client(topo, peer, "-u", "-l", "64", "-b", "0", "-t", seconds.ToString(CultureInfo.InvariantCulture));
        JsonElement sum = doc.RootElement.GetProperty("end").GetProperty("sum");
        double packets = sum.GetProperty("packets").GetDouble() - sum.GetProperty("lost_packets").GetDouble();
        return packets / sum.GetProperty("seconds").GetDouble();
    }

    private static double Rtt(BenchTopology topo, string peer)
    {
        string output = BenchTopology.Run("ip", "netns", "exec", topo.A, "ping", "-c", "500", "-i", "0.002", "-q", peer);
        Match m = RttLine().Match(output);
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000 : double.NaN;
    }

    [GeneratedRegex(@"= [\d.]+/([\d.]+)/")]
    private static partial Regex RttLine();
}
