using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NetTeam.Device;
using NetTeam.Device.Threading;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>Faults under a running team: a bug on the control loop, rtnetlink refusing, a flood the data plane cannot keep up with.</summary>
public class FaultTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static string TeamName() => "nt" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();

    private static string Config(string team, IEnumerable<string> ports) =>
        $$"""{"device": "{{team}}", "runner": {"name": "activebackup"}, "link_watch": {"name": "ethtool"}, "ports": {{{string.Join(", ", ports.Select(p => $"\"{p}\": {{}}"))}} } }""";

    private static DaemonProcess StartDaemon(TeamTopology topo, string team, IEnumerable<string> ports, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(topo.LockDirectory);
        string conf = Path.Combine(topo.LockDirectory, $"{team}.conf");
        File.WriteAllText(conf, Config(team, ports));
        DaemonProcess d = topo.StartDaemon(team, topo.LockDirectory, ["-f", conf], environment: environment);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        return d;
    }

    /// <summary>The ports the daemon reports (teamnl's port list) and those its state dump holds.</summary>
    private static (string[] Listed, string[] Dumped) DaemonPorts(DaemonProcess d, TeamTopology topo)
    {
        var ports = d.Netteamctl(topo.A, "--json", d.Team, "ports");
        Assert.True(ports.Code == 0, ports.Stderr);
        var dump = d.Teamdctl(topo.A, "state", "dump");
        Assert.True(dump.Code == 0, dump.Stderr);
        string[] listed = [.. JsonNode.Parse(ports.Stdout)!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
        JsonObject? dumped = JsonNode.Parse(dump.Stdout)!["ports"]?.AsObject();
        return (listed, [.. (dumped ?? []).Select(kv => kv.Key).Order(StringComparer.Ordinal)]);
    }

    [Fact]
    public void ABugInPostedWorkIsFatalToNetteamdWhichRestoresItsPortsAndExitsWith70()
    {
        using TeamTopology topo = new(plane: "userspace");
        topo.BridgePeers();
        LinkSnapshot[] before = [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];
        string team = TeamName();
        using DaemonProcess d = StartDaemon(topo, team, topo.Ports, new Dictionary<string, string> { ["NETTEAM_THROW_AT"] = "port-link-down" });

        // The link event of a carrier loss runs posted on the loop, and throws there.
        topo.B.Ip("link", "set", topo.Peers[0], "down");
        Assert.True(d.WaitExit(TimeSpan.FromSeconds(20)), "netteamd did not end after the bug: " + d.Log);
        Assert.Equal(70, d.ExitCode);
        Assert.Contains("NetTeam fault point \"port-link-down\"", d.Log, StringComparison.Ordinal);
        topo.B.Ip("link", "set", topo.Peers[0], "up");
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            LinkSnapshot.AssertSame(before[i], LinkSnapshot.Take(topo.A, topo.Ports[i]), topo.Ports[i]);
        }
        Assert.DoesNotContain(team, topo.A.Ip("link", "show"), StringComparison.Ordinal);
    }

    [Fact]
    public void APortDeletedWhileItIsBeingAddedLeavesTheTeamConsistent()
    {
        using TeamTopology topo = new(plane: "userspace");
        string team = TeamName();
        using DaemonProcess d = StartDaemon(topo, team, topo.Ports);
        string suffix = topo.Ports[0].Split('-')[1];
        string netteamctl = Path.Combine(AppContext.BaseDirectory, "netteamctl.dll");
        int added = 0, refused = 0;
        for (int i = 0; i < 12; i++)
        {
            string port = $"px{i}-{suffix}";
            topo.A.Ip("link", "add", port, "type", "veth", "peer", "name", $"py{i}-{suffix}", "netns", topo.B.Name);
            // The deletion races the add: started together, each at a different point of the other on each round.
            using Process add = Process.Start(new ProcessStartInfo("ip") { ArgumentList = { "netns", "exec", topo.A.Name, "dotnet", netteamctl, team, "port", "add", port }, RedirectStandardOutput = true, RedirectStandardError = true })!;
            Thread.Sleep(TimeSpan.FromMilliseconds(i * 40));
            var del = topo.A.TryExec("ip", "link", "del", port);
            Assert.True(add.WaitForExit(30_000), "port add did not finish");
            _ = add.ExitCode == 0 ? added++ : refused++;
            Assert.True(del.Code == 0 || del.Stderr.Contains("Cannot find device", StringComparison.Ordinal), del.Stderr);
            // Whatever won, the port is gone from the system, and so from the team: nothing half-added remains.
            Assert.True(TeamTopology.WaitFor(() => SamePorts(DaemonPorts(d, topo), topo.Ports), TimeSpan.FromSeconds(10)),
                $"round {i}: the daemon reports {string.Join(",", DaemonPorts(d, topo).Listed)} / {string.Join(",", DaemonPorts(d, topo).Dumped)}");
            Assert.False(d.HasExited, "netteamd ended: " + d.Log);
        }
        // The port the daemon had keep working; the next add of a port that exists succeeds.
        Assert.Equal(0, d.Teamdctl(topo.A, "port", "present", topo.Ports[0]).Code);
        Assert.Contains(d.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout.Trim(), topo.Ports);
        Assert.True(d.Stop(TimeSpan.FromSeconds(15)), "netteamd did not stop: " + d.Log);
        Assert.Equal(0, d.ExitCode);
        output.WriteLine($"{added} adds won the race, {refused} were refused");
        Assert.Equal(12, added + refused);
    }

    private static bool SamePorts((string[] Listed, string[] Dumped) seen, string[] expected)
    {
        string[] want = [.. expected.Order(StringComparer.Ordinal)];
        return seen.Listed.SequenceEqual(want) && seen.Dumped.SequenceEqual(want);
    }

    [Fact]
    public void ThePeerNamespaceDeletedUnderTheTeamTakesItsPortsAndTheDaemonGoesOn()
    {
        using TeamTopology topo = new(plane: "userspace");
        string team = TeamName();
        using DaemonProcess d = StartDaemon(topo, team, topo.Ports);
        Assert.True(SamePorts(DaemonPorts(d, topo), topo.Ports));

        // Deleting B destroys the veth peers, and with them the team's ports in A (rtnetlink: RTM_DELLINK).
        topo.B.Dispose();
        Assert.True(TeamTopology.WaitFor(() => !topo.Ports.Any(p => topo.A.Ip("link", "show").Contains(p, StringComparison.Ordinal)), TimeSpan.FromSeconds(20)), "the ports outlived their peers' namespace");
        Assert.True(TeamTopology.WaitFor(() => SamePorts(DaemonPorts(d, topo), []), TimeSpan.FromSeconds(10)), "the daemon still reports ports that are gone");
        Assert.False(d.HasExited, "netteamd ended: " + d.Log);
        Assert.Equal(string.Empty, d.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout.Trim());
        Assert.True(d.Stop(TimeSpan.FromSeconds(15)), "netteamd did not stop: " + d.Log);
        Assert.Equal(0, d.ExitCode);
        Assert.DoesNotContain(team, topo.A.Ip("link", "show"), StringComparison.Ordinal);
    }

    [Fact]
    public void AFloodTheUserspacePlaneCannotKeepUpWithIsDroppedAndCountedAndTheTeamGoesOn()
    {
        // The loop outlives the topology: the team is disposed (its ports restored) on a loop that still runs.
        using ControlLoop loop = ControlLoop.Start("test-control");
        using TeamTopology topo = new(plane: "userspace");
        topo.BridgePeers();
        List<Exception> fatal = [];
        loop.Fatal = e => { lock (fatal) { fatal.Add(e); } };
        TeamDevice team = topo.CreateTeam("roundrobin", loop: loop);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        // A TAP's queue is its tx_queue_len (tun's ring): 16 frames, so the plane's thread falls behind at once.
        topo.A.Ip("link", "set", "team0", "txqueuelen", "16");
        long droppedBefore = TxDropped(topo);

        using (Socket s = topo.A.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)))
        {
            s.Blocking = false;
            byte[] payload = new byte[1400];
            IPEndPoint to = new(IPAddress.Parse(TeamTopology.PeerIp), 9);
            Stopwatch sw = Stopwatch.StartNew();
            while (sw.Elapsed < TimeSpan.FromSeconds(3))
            {
                try
                {
                    s.SendTo(payload, to);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.NoBufferSpaceAvailable)
                {
                }
            }
        }
        long dropped = TxDropped(topo) - droppedBefore;
        Assert.True(dropped > 0, "the flood was not dropped at the team interface: the test shows nothing");
        lock (fatal)
        {
            Assert.Empty(fatal);
        }
        // The team is intact: both ports, and traffic as before.
        Assert.Equal(topo.Ports.Length, team.Ports.Count);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);
    }

    /// <summary>The team interface's tx_dropped: frames the TAP's full queue refused (tun_net_xmit).</summary>
    private static long TxDropped(TeamTopology topo) =>
        long.Parse(topo.A.Exec("cat", "/sys/class/net/team0/statistics/tx_dropped").Trim(), CultureInfo.InvariantCulture);
}
