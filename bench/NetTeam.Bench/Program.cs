using System.Globalization;
using NetTeam.Bench;

// netteam-bench: throughput (TCP 1 and 4 streams), small-frame rate and RTT over a direct veth pair and
// through a two-port NetTeam team on the userspace data plane, measured in one run, with the ratios.
// netteam-bench failover: netteamd's failover time under a 1 ms probe stream (see FailoverBench).
if (args.Length > 0 && args[0] == "failover")
{
    return Failover(args.Length > 2 && args[1] == "--trials" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
}
int seconds = 5;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--seconds" && i + 1 < args.Length)
    {
        seconds = int.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else if (args[i] == "--quick")
    {
        seconds = 2;
    }
    else
    {
        Console.Error.WriteLine("usage: netteam-bench [--seconds N] [--quick] | netteam-bench failover [--trials N]");
        return 2;
    }
}

using BenchTopology topo = new();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    topo.Dispose();
    Environment.Exit(130);
};
Console.WriteLine($"netteam-bench: {seconds} s per figure, namespaces {topo.A} and {topo.B}");
Console.WriteLine($"machine: {Environment.ProcessorCount} vCPU, {BenchTopology.Kernel()}");

topo.Build();
Measurement direct = Measurement.Run("direct veth pair", topo, BenchTopology.DirectPeer, seconds);
Measurement team;
using (topo.StartTeam(busyPollMicroseconds: 2000))
{
    team = Measurement.Run("team (activebackup, userspace)", topo, BenchTopology.TeamPeer, seconds);
}
double rttNoPoll;
using (topo.StartTeam(busyPollMicroseconds: 0))
{
    rttNoPoll = Measurement.RttOnly(topo, BenchTopology.TeamPeer);
}

Console.WriteLine();
Console.WriteLine($"{"figure",-26}{"direct",16}{"team",16}{"team/direct",14}");
Row("TCP 1 stream (Gbit/s)", direct.Tcp1 / 1e9, team.Tcp1 / 1e9, "F2");
Row("TCP 4 streams (Gbit/s)", direct.Tcp4 / 1e9, team.Tcp4 / 1e9, "F2");
Row("64-byte UDP (kpps)", direct.SmallPps / 1e3, team.SmallPps / 1e3, "F1");
Console.WriteLine($"{"RTT avg (us)",-26}{direct.RttMicros,16:F1}{team.RttMicros,16:F1}{"+" + (team.RttMicros - direct.RttMicros).ToString("F1", CultureInfo.InvariantCulture) + " us",14}");
Console.WriteLine($"{"RTT, busy-poll off (us)",-26}{direct.RttMicros,16:F1}{rttNoPoll,16:F1}{"+" + (rttNoPoll - direct.RttMicros).ToString("F1", CultureInfo.InvariantCulture) + " us",14}");
Console.WriteLine("(ping every 2 ms; the team's data plane polls for 2 ms after the last frame by default)");
return 0;

static int Failover(int trials)
{
    using BenchTopology topo = new();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        topo.Dispose();
        Environment.Exit(130);
    };
    Console.WriteLine($"netteam-bench failover: activebackup over two veth pairs to a bridge, a probe every 1 ms echoed back, {trials} trials each");
    Console.WriteLine($"machine: {Environment.ProcessorCount} vCPU, {BenchTopology.Kernel()}");
    topo.Build();
    using FailoverBench bench = new(topo);
    List<(int, double)> ethtool, arp;
    try
    {
        bench.Build();
        ethtool = bench.Measure("""{"name": "ethtool"}""", FailoverBench.CarrierDown, FailoverBench.CarrierUp, trials);
        arp = bench.Measure("""{"name": "arp_ping", "interval": 100, "missed_max": 3, "target_host": "10.213.11.2"}""", FailoverBench.Silence, FailoverBench.Unsilence, trials);
    }
    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
    {
        // The daemon and the namespaces are removed on the way out (using), whatever failed.
        Console.Error.WriteLine($"netteam-bench failover: {ex.Message}");
        return 1;
    }
    Console.WriteLine();
    Console.WriteLine($"{"failure (watcher)",-44}{"lost probes min/median/max",28}{"gap ms max",12}{"goal",14}");
    Report("carrier loss (ethtool)", ethtool, "<= 10 ms");
    Report("silent failure (arp_ping 100 ms, missed 3)", arp, "<= 400 ms");
    return 0;

    static void Report(string name, List<(int Lost, double GapMs)> r, string goal)
    {
        int[] lost = [.. r.Select(x => x.Lost).Order()];
        string figures = string.Create(CultureInfo.InvariantCulture, $"{lost[0]}/{lost[lost.Length / 2]}/{lost[^1]}");
        Console.WriteLine($"{name,-44}{figures,28}{r.Max(x => x.GapMs).ToString("F0", CultureInfo.InvariantCulture),12}{goal,14}");
    }
}

static void Row(string name, double direct, double team, string format) =>
    Console.WriteLine($"{name,-26}{direct.ToString(format, CultureInfo.InvariantCulture),16}{team.ToString(format, CultureInfo.InvariantCulture),16}{(direct > 0 ? (team / direct).ToString("F2", CultureInfo.InvariantCulture) + "x" : "-"),14}");
