using System.Diagnostics;
using NetTeam.Demo;

// The main job: netteamd on its embedded default. The demo makes its own namespaces, starts netteamd with
// an activebackup config over two ports, sends traffic across the team, fails the active port over, shows
// `netteamctl TEAM state view` before and after, and stops netteamd, which restores the ports. Everything
// it creates carries a per-run suffix and is deleted on exit, also on failure or Ctrl-C.
if (args.Length > 0 && args[0] == "hold")
{
    return HoldCommand.Run(args);
}

string suffix = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant();
using DemoTopology topo = new(suffix);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    topo.Dispose();
    Environment.Exit(130);
};

try
{
    topo.Build();
    string team = "team" + suffix;
    string config = DemoTopology.DefaultConfig(team, topo.Ports);
    Console.WriteLine($"namespaces: {topo.TeamNs} (team side) and {topo.PeerNs} (peer bridge)");
    Console.WriteLine("config:");
    Console.WriteLine(config);
    using DemoDaemon daemon = DemoDaemon.Start(topo.TeamNs, team, config);
    Console.WriteLine($"netteamd started (pid {daemon.Pid})");
    topo.ConfigureTeamAddress(team);

    Console.WriteLine(topo.Ping(20));
    long bytes = topo.TcpTransfer(64 * 1024 * 1024);
    Console.WriteLine($"TCP: {bytes} bytes crossed the team and were verified");
    Console.WriteLine($"$ netteamctl {team} state view");
    Console.Write(daemon.Netteamctl("state", "view"));

    Console.WriteLine($"failover: the active port {topo.Ports[0]} loses its link (its peer goes down)");
    Stopwatch sw = Stopwatch.StartNew();
    topo.CutActiveLink();
    if (!daemon.WaitActivePort(topo.Ports[1], TimeSpan.FromSeconds(5)))
    {
        throw new InvalidOperationException("no failover within 5 s");
    }
    Console.WriteLine($"active port is now {topo.Ports[1]} (seen by netteamctl {sw.Elapsed.TotalMilliseconds:F0} ms after the cut)");
    Console.WriteLine(topo.Ping(20));
    bytes = topo.TcpTransfer(16 * 1024 * 1024);
    Console.WriteLine($"TCP after failover: {bytes} bytes verified");
    Console.WriteLine($"$ netteamctl {team} state view");
    Console.Write(daemon.Netteamctl("state", "view"));

    Console.WriteLine("stopping netteamd (SIGTERM): it removes the team and restores the ports");
    daemon.Stop();
    Console.WriteLine(topo.PortsRestored() ? "ports restored" : "ports NOT restored");
    Console.WriteLine("demo finished; the namespaces are deleted");
    return 0;
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"demo failed: {ex.Message}");
    return 1;
}
