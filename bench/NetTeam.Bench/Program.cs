using System.Globalization;
using NetTeam.Bench;
using NetTeam.Device.DataPlane;

// netteam-bench: throughput (TCP 1 and 4 streams), small-frame rate, RTT at two ping spacings and CPU time per
// gigabyte over a direct veth pair and through a two-port NetTeam team on each data plane, in one run, with
// the ratios to the direct pair.
// netteam-bench failover: netteamd's failover time under a 1 ms probe stream, per plane (see FailoverBench).
// netteam-bench restart: probes lost across kill -9 + restart and a handover; idle: what a netteamd costs at rest;
// soak: every runner on both planes under traffic and chaos for --minutes N (see SoakCommand).
if (args.Length > 0 && args[0] == "failover")
{
    return FailoverCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "restart")
{
    return RestartCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "idle")
{
    return IdleCommand.Run(args[1..]);
}
if (args.Length > 0 && args[0] == "soak")
{
    return SoakCommand.Run(args[1..]);
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
        Console.Error.WriteLine("usage: netteam-bench [--seconds N] [--quick] | netteam-bench failover|restart [--trials N] [--plane userspace|ebpf|both] | netteam-bench idle [--seconds N] | netteam-bench soak [--minutes N] [--seed S]");
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
Measurement userspace;
using (topo.StartTeam(DataPlaneKind.Userspace))
{
    userspace = Measurement.Run("team (activebackup, userspace plane)", topo, BenchTopology.TeamPeer, seconds);
}
Measurement ebpf;
using (topo.StartTeam(DataPlaneKind.Ebpf))
{
    ebpf = Measurement.Run("team (activebackup, eBPF plane)", topo, BenchTopology.TeamPeer, seconds);
}
ThroughputReport.Print(direct, userspace, ebpf);
return 0;
