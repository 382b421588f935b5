using System.Globalization;
using NetTeam.Bench;

// netteam-bench: throughput (TCP 1 and 4 streams), small-frame rate and RTT over a direct veth pair and
// through a two-port NetTeam team on the userspace data plane, measured in one run, with the ratios.
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
        Console.Error.WriteLine("usage: netteam-bench [--seconds N] [--quick]");
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

static void Row(string name, double direct, double team, string format) =>
    Console.WriteLine($"{name,-26}{direct.ToString(format, CultureInfo.InvariantCulture),16}{team.ToString(format, CultureInfo.InvariantCulture),16}{(direct > 0 ? (team / direct).ToString("F2", CultureInfo.InvariantCulture) + "x" : "-"),14}");
