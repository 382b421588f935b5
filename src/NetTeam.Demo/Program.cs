using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NetTeam.Demo;
using NetTeam.Device;
using NetTeam.Device.Events;
using NetTeam.Interop;

if (args.Length > 0 && args[0] == "hold")
{
    return HoldCommand.Run(args);
}

// The main job until netteamd exists: its own namespaces, a two-port activebackup team, traffic across
// it, and a failover of the active port. Everything it creates carries a per-run suffix and is deleted on
// exit, also on failure or Ctrl-C.
string suffix = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant();
using DemoTopology topo = new(suffix);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    topo.Dispose();
    Environment.Exit(130);
};

using ILoggerFactory loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
ILogger log = loggerFactory.CreateLogger("demo");

try
{
    topo.Build();
    Console.WriteLine($"namespaces: {topo.TeamNs} (team) and {topo.PeerNs} (peer bridge)");
    using TeamDevice team = TeamDevice.Create(
        new TeamCreateOptions { Name = "team0", NetworkNamespace = topo.TeamNs, Mode = "activebackup", Up = true },
        loggerFactory);
    team.AddPort(topo.Ports[0]);
    team.AddPort(topo.Ports[1]);
    // hwaddr_policy same_all, as teamd's activebackup runner does by default: every port carries the team MAC.
    foreach (string port in topo.Ports)
    {
        team.SetPortAddress(port, team.Address);
    }
    team.SetOption("activeport", NetTeam.Device.Options.OptionValue.FromU32((uint)team.GetPort(topo.Ports[0])!.IfIndex));

    // A minimal failover policy (the activebackup runner arrives with netteamd): when the active port
    // loses its link, make the other port active.
    using SemaphoreSlim failedOver = new(0);
    team.Changed += (_, e) => OnChange(team, e, failedOver);
    topo.ConfigureTeamAddress();

    Console.WriteLine($"team0 {team.Address} mode {team.ModeName}, ports {string.Join(", ", team.Ports.Select(p => $"{p.Name} (link {(p.Link.Up ? "up" : "down")})"))}");
    Console.WriteLine($"active port: {topo.Ports[0]}");
    Console.WriteLine(topo.Ping(20));
    long bytes = topo.TcpTransfer(64 * 1024 * 1024);
    Console.WriteLine($"TCP: {bytes} bytes crossed the team and were verified");

    Console.WriteLine($"failover: taking the link of {topo.Ports[0]} down (its peer goes down)");
    Stopwatch sw = Stopwatch.StartNew();
    topo.CutActiveLink();
    if (!failedOver.Wait(TimeSpan.FromSeconds(5)))
    {
        throw new InvalidOperationException("no failover within 5 s");
    }
    Console.WriteLine($"active port is now {topo.Ports[1]} ({sw.Elapsed.TotalMilliseconds:F1} ms after the cut)");
    Console.WriteLine(topo.Ping(20));
    bytes = topo.TcpTransfer(16 * 1024 * 1024);
    Console.WriteLine($"TCP after failover: {bytes} bytes verified");

    NetTeam.Device.Ports.TeamStatistics s = team.Statistics;
    Console.WriteLine($"team0 statistics: rx {s.RxPackets} packets / {s.RxBytes} bytes, tx {s.TxPackets} packets / {s.TxBytes} bytes, tx dropped {s.TxDropped}");
    foreach (NetTeam.Device.Ports.TeamPortInfo p in team.Ports)
    {
        Console.WriteLine($"  {p.Name}: link {(p.Link.Up ? "up" : "down")}, rx {p.Statistics.RxPackets}, tx {p.Statistics.TxPackets}");
    }
    Console.WriteLine("demo finished: removing the team restores the ports, then the namespaces are deleted");
    return 0;
}
catch (Exception ex) when (ex is TeamException or InvalidOperationException)
{
    log.LogError("demo failed: {Message}", ex.Message);
    return 1;
}

static void OnChange(TeamDevice team, TeamChangeEventArgs e, SemaphoreSlim failedOver)
{
    foreach (TeamPortChange change in e.Ports)
    {
        if (change.Removed || change.Port.Link.Up)
        {
            continue;
        }
        uint active = team.GetOption("activeport").AsU32;
        if (active != (uint)change.Port.IfIndex)
        {
            continue;
        }
        NetTeam.Device.Ports.TeamPortInfo? other = team.Ports.FirstOrDefault(p => p.IfIndex != change.Port.IfIndex && p.Link.Up);
        if (other is not null)
        {
            // Run outside the event callback: the device raises events after releasing its lock.
            ThreadPool.QueueUserWorkItem(_ =>
            {
                team.SetOption("activeport", NetTeam.Device.Options.OptionValue.FromU32((uint)other.IfIndex));
                failedOver.Release();
            });
        }
    }
}
