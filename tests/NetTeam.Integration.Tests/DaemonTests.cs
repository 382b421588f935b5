using System.Text.Json.Nodes;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>netteamd in a namespace, driven by teamd's own teamdctl (Debian's libteam-utils).</summary>
public class DaemonTests
{
    private static string Reference(params string[] parts) => TeamdFixtures.Read(parts);

    private static string TeamName() => "nt" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();

    private static string AbConfig(string team, string[] ports) => $$$"""
        {
            "device": "{{{team}}}",
            "runner": {"name": "activebackup"},
            "link_watch": {"name": "ethtool"},
            "ports": {"{{{ports[0]}}}": {"prio": 100, "sticky": true}, "{{{ports[1]}}}": {"prio": -10}}
        }
        """;

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void ActiveBackupUnderTeamdctlBehavesAsTeamd(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        topo.BridgePeers();
        string team = TeamName();
        string conf = Path.Combine(topo.LockDirectory, "ab.conf");
        Directory.CreateDirectory(topo.LockDirectory);
        File.WriteAllText(conf, AbConfig(team, topo.Ports));
        LinkSnapshot[] before = [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];

        using (DaemonProcess d = topo.StartDaemon(team, topo.LockDirectory, ["-f", conf]))
        {
            Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
            topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);

            // The state dump has teamd's keys (golden activebackup/state_dump.json).
            var dump = d.Teamdctl(topo.A, "state", "dump");
            Assert.Equal(0, dump.Code);
            JsonNode ours = JsonNode.Parse(dump.Stdout)!;
            JsonNode golden = JsonNode.Parse(Reference("activebackup", "state_dump.json"))!;
            Assert.Equal(DumpShape.Of(golden, ["eth0", "eth1"]), DumpShape.Of(ours, topo.Ports));
            Assert.Equal(Reference("activebackup", "state_view.txt").Replace("eth0", "P0", StringComparison.Ordinal).Replace("eth1", "P1", StringComparison.Ordinal),
                d.Teamdctl(topo.A, "state").Stdout.Replace(topo.Ports[0], "P0", StringComparison.Ordinal).Replace(topo.Ports[1], "P1", StringComparison.Ordinal));

            // config dump equals teamd's for the same config, with the defaults written back.
            var config = d.Teamdctl(topo.A, "config", "dump");
            Assert.Equal(0, config.Code);
            Assert.Equal(1, JsonNode.Parse(config.Stdout)!["notify_peers"]!["count"]!.GetValue<int>());

            Assert.Equal(topo.Ports[0], d.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout.Trim());

            // Failover: the active port's link goes down, the other takes over; eth0 (prio 100) returns.
            topo.B.Ip("link", "set", topo.Peers[0], "down");
            Assert.True(TeamTopology.WaitFor(() => d.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout.Trim() == topo.Ports[1], TimeSpan.FromSeconds(5)), "no failover");
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            topo.B.Ip("link", "set", topo.Peers[0], "up");
            Assert.True(TeamTopology.WaitFor(() => d.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout.Trim() == topo.Ports[0], TimeSpan.FromSeconds(5)), "the better port did not return");

            // state item set switches at once; a bogus port is refused with teamd's error.
            Assert.Equal(0, d.Teamdctl(topo.A, "state", "item", "set", "runner.active_port", topo.Ports[1]).Code);
            Assert.Equal(topo.Ports[1], d.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout.Trim());
            var bogus = d.Teamdctl(topo.A, "state", "item", "set", "runner.active_port", "nosuch0");
            Assert.Equal(1, bogus.Code);
            Assert.Contains("\"ItemValueSetFail\"", bogus.Stderr);
            var badPath = d.Teamdctl(topo.A, "state", "item", "get", "no.such.item");
            Assert.Equal(1, badPath.Code);
            Assert.Contains("\"PathDoesNotExist\"", badPath.Stderr);

            // Ports at run time.
            Assert.Equal(0, d.Teamdctl(topo.A, "port", "remove", topo.Ports[1]).Code);
            Assert.Equal(1, d.Teamdctl(topo.A, "port", "present", topo.Ports[1]).Code);
            LinkSnapshot.AssertSame(before[1], LinkSnapshot.Take(topo.A, topo.Ports[1]), topo.Ports[1]);
            Assert.Equal(0, d.Teamdctl(topo.A, "port", "add", topo.Ports[1]).Code);
            Assert.Equal(0, d.Teamdctl(topo.A, "port", "present", topo.Ports[1]).Code);
            var noDev = d.Teamdctl(topo.A, "port", "add", "nosuch0");
            Assert.Equal(1, noDev.Code);
            Assert.Contains("\"NoSuchDev\"", noDev.Stderr);
            Assert.Equal(0, d.Teamdctl(topo.A, "port", "config", "update", topo.Ports[1], "{\"prio\": 200}").Code);
            Assert.Equal(200, JsonNode.Parse(d.Teamdctl(topo.A, "port", "config", "dump", topo.Ports[1]).Stdout)!["prio"]!.GetValue<int>());

            // netteamctl speaks both grammars: teamdctl's output equals teamdctl's, teamnl's is teamnl's.
            Assert.Equal(d.Teamdctl(topo.A, "state").Stdout, d.Netteamctl(topo.A, team, "state").Stdout);
            Assert.Equal(d.Teamdctl(topo.A, "-v", "state", "view").Stdout, d.Netteamctl(topo.A, "-v", team, "state", "view").Stdout);
            Assert.Equal(d.Teamdctl(topo.A, "config", "dump").Stdout, d.Netteamctl(topo.A, team, "config", "dump").Stdout);
            Assert.Equal(d.Teamdctl(topo.A, "config", "dump", "noports").Stdout, d.Netteamctl(topo.A, team, "config", "dump", "noports").Stdout);
            Assert.Equal(d.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout, d.Netteamctl(topo.A, team, "state", "item", "get", "runner.active_port").Stdout);
            var ports = d.Netteamctl(topo.A, team, "ports");
            Assert.Equal(0, ports.Code);
            Assert.Matches($@"^ \d+: {topo.Ports[1]}: up 10000Mbit FD \n \d+: {topo.Ports[0]}: up 10000Mbit FD \n$", ports.Stdout);
            var options = d.Netteamctl(topo.A, team, "options");
            // eth0 is sticky and stays active after eth1's prio 200 update, as in teamd's golden run.
            Assert.Contains($" enabled (port:{topo.Ports[0]}) true \n", options.Stdout);
            Assert.Contains($" enabled (port:{topo.Ports[1]}) false \n", options.Stdout);
            Assert.EndsWith(" mode activebackup \n", options.Stdout);
            Assert.Equal("activebackup\n", d.Netteamctl(topo.A, team, "getoption", "mode").Stdout);
            string activeIndex = d.Netteamctl(topo.A, team, "getoption", "activeport").Stdout.Trim();
            Assert.Contains($" {activeIndex}: {topo.Ports[0]}:", ports.Stdout);
            Assert.Equal(0, d.Netteamctl(topo.A, "--port", topo.Ports[0], team, "setoption", "priority", "7").Code);
            Assert.Equal("7\n", d.Netteamctl(topo.A, "-p", topo.Ports[0], team, "getoption", "priority").Stdout);
            var unknown = d.Netteamctl(topo.A, team, "getoption", "nosuchoption");
            Assert.Equal(1, unknown.Code);
            Assert.Equal("Command failed: No such file or directory\n", unknown.Stderr);
            var badCmd = d.Netteamctl(topo.A, team, "frobnicate");
            Assert.Equal(1, badCmd.Code);
            Assert.Contains("Unknown command \"frobnicate\".", badCmd.Stderr);
            Assert.Equal("Device \"nosuch9\" does not exist\n", d.Netteamctl(topo.A, "nosuch9", "state").Stderr);

            // A second daemon for the same team is refused and the first keeps running.
            var second = DaemonProcess.RunToEnd(topo.A, "-f", conf);
            Assert.Equal(1, second.Code);
            Assert.Contains("Daemon already running on PID", second.Output);
            Assert.Equal(0, DaemonProcess.RunToEnd(topo.A, "-t", team, "-e").Code);

            Assert.True(d.Stop(TimeSpan.FromSeconds(15)), "netteamd did not stop on SIGTERM: " + d.Log);
        }
        // A clean stop restores every port and removes the team.
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            LinkSnapshot.AssertSame(before[i], LinkSnapshot.Take(topo.A, topo.Ports[i]), topo.Ports[i]);
        }
        Assert.DoesNotContain(team, topo.A.Ip("link", "show"));
        Assert.Equal(1, DaemonProcess.RunToEnd(topo.A, "-t", team, "-e").Code);
    }

    [Theory]
    [InlineData("-r")]
    [InlineData("-o")]
    public void AfterKill9ARestartRecoversTheTeamAndRestoresTheOriginalPortSettings(string flag)
    {
        // The userspace plane: its port setup (NOARP) is what shows a port still configured after kill -9 or -N.
        using TeamTopology topo = new(plane: "userspace");
        topo.BridgePeers();
        string team = TeamName();
        Directory.CreateDirectory(topo.LockDirectory);
        string conf = Path.Combine(topo.LockDirectory, "ab.conf");
        File.WriteAllText(conf, AbConfig(team, topo.Ports));
        topo.A.Ip("link", "set", topo.Ports[0], "mtu", "1400");
        LinkSnapshot[] before = [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];

        // -N keeps the team interface (a persistent TAP) for -o to take over.
        using (DaemonProcess first = topo.StartDaemon(team, topo.LockDirectory, flag == "-o" ? ["-N", "-f", conf] : ["-f", conf]))
        {
            Assert.True(first.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + first.Log);
            first.Kill9();
        }
        Assert.True(LinkSnapshot.Take(topo.A, topo.Ports[0]).NoArp, "kill -9 cannot restore: the port should still carry the team's settings");
        // The team interface outlives a crash (a persistent TAP), with or without -N: -o takes it over, -r recreates it.
        Assert.Contains(team, topo.A.Ip("link", "show"), StringComparison.Ordinal);

        using (DaemonProcess second = topo.StartDaemon(team, topo.LockDirectory, [flag, "-f", conf]))
        {
            Assert.True(second.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "the restart failed: " + second.Log);
            topo.A.Ip("addr", "replace", TeamTopology.TeamIp + "/24", "dev", team);
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            Assert.Equal(topo.Ports[0], second.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout.Trim());
            Assert.True(second.Stop(TimeSpan.FromSeconds(15)), "netteamd did not stop: " + second.Log);
        }
        // The restarted daemon restored what the ports were before the first one touched them.
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            LinkSnapshot.AssertSame(before[i], LinkSnapshot.Take(topo.A, topo.Ports[i]), topo.Ports[i]);
        }
        Assert.DoesNotContain(team, topo.A.Ip("link", "show"));
    }

    [Fact]
    public void GarbageUnknownMethodsAndOversizeRequestsGetClearErrorsAndChangeNothing()
    {
        using TeamTopology topo = new();
        string team = TeamName();
        using DaemonProcess d = DaemonProcess.Start(topo.A, team, Path.GetTempPath(), "-c",
            "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"roundrobin\"}, \"ports\": {\"" + topo.Ports[0] + "\": {}}}");
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        string stateBefore = d.Teamdctl(topo.A, "config", "dump").Stdout;

        using System.Net.Sockets.Socket s = new(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Seqpacket, System.Net.Sockets.ProtocolType.Unspecified);
        s.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint($"/var/run/teamd/{team}.sock"));
        string Ask(byte[] request)
        {
            s.Send(request);
            Assert.True(s.Poll(TimeSpan.FromSeconds(5), System.Net.Sockets.SelectMode.SelectRead), "no reply");
            byte[] buffer = new byte[65536];
            return System.Text.Encoding.UTF8.GetString(buffer, 0, s.Receive(buffer));
        }
        Assert.Equal("REPLY_ERROR\nBadRequest\nNot a request for a known method.\n", Ask("\u0001\u0002garbage\n\n"u8.ToArray()));
        Assert.Equal("REPLY_ERROR\nBadRequest\nNot a request for a known method.\n", Ask("REQUEST\nRebootTheWorld\n"u8.ToArray()));
        Assert.Equal("REPLY_ERROR\nInvalidArgs\nDid not receive correct message arguments.\n", Ask("REQUEST\nPortAdd\n"u8.ToArray()));
        Assert.Equal("REPLY_ERROR\nInvalidArgs\nDid not receive correct message arguments.\n", Ask("REQUEST\nPortAdd\nbad\\escape\n"u8.ToArray()));
        byte[] huge = new byte[2 * 1024 * 1024];
        System.Text.Encoding.ASCII.GetBytes("REQUEST\nPortAdd\n").CopyTo(huge, 0);
        huge.AsSpan(16).Fill((byte)'x');
        s.SendBufferSize = 4 * 1024 * 1024;
        Assert.Equal("REPLY_ERROR\nRequestTooLarge\nRequest too large.\n", Ask(huge));
        // The same connection still works, and nothing changed.
        Assert.StartsWith("REPLY_SUCCESS\n", Ask("REQUEST\nStateItemValueGet\nsetup.runner_name\n"u8.ToArray()), StringComparison.Ordinal);
        Assert.False(d.HasExited);
        Assert.Equal(stateBefore, d.Teamdctl(topo.A, "config", "dump").Stdout);
        Assert.Equal(0, d.Teamdctl(topo.A, "port", "present", topo.Ports[0]).Code);
    }

    [Fact]
    public void NoQuitDestroyKeepsTheTeamForATakeOverWhichRestoresThePortsLater()
    {
        // The userspace plane: its port setup (NOARP) is what shows a port still configured after kill -9 or -N.
        using TeamTopology topo = new(plane: "userspace");
        string team = TeamName();
        string config = "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"roundrobin\"}, \"ports\": {\"" + topo.Ports[0] + "\": {}}}";
        LinkSnapshot before = LinkSnapshot.Take(topo.A, topo.Ports[0]);
        using (DaemonProcess first = topo.StartDaemon(team, Path.GetTempPath(), ["-N", "-c", config]))
        {
            Assert.True(first.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + first.Log);
            Assert.True(first.Stop(TimeSpan.FromSeconds(15)));
        }
        Assert.Contains(team, topo.A.Ip("link", "show"));
        Assert.True(LinkSnapshot.Take(topo.A, topo.Ports[0]).NoArp, "-N must leave the port configured");
        using (DaemonProcess second = topo.StartDaemon(team, Path.GetTempPath(), ["-o", "-c", config]))
        {
            Assert.True(second.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "take-over failed: " + second.Log);
            Assert.Equal(0, second.Teamdctl(topo.A, "port", "present", topo.Ports[0]).Code);
            Assert.True(second.Stop(TimeSpan.FromSeconds(15)));
        }
        LinkSnapshot.AssertSame(before, LinkSnapshot.Take(topo.A, topo.Ports[0]), topo.Ports[0]);
        Assert.DoesNotContain(team, topo.A.Ip("link", "show"));
    }

    [Fact]
    public void AnExistingDeviceIsNotTakenOverWithoutBeingAskedTo()
    {
        using TestNamespace ns = new();
        string team = TeamName();
        ns.Ip("link", "add", team, "type", "veth", "peer", "name", "other0");
        var r = DaemonProcess.RunToEnd(ns, "-c", $"{{\"device\": \"{team}\"}}");
        Assert.Equal(1, r.Code);
        Assert.Contains("already exists", r.Output);
        var o = DaemonProcess.RunToEnd(ns, "-o", "-c", $"{{\"device\": \"{team}\"}}");
        Assert.Equal(1, o.Code);
        Assert.Contains("cannot be taken over", o.Output);
        Assert.Contains("veth", ns.Ip("-d", "link", "show", "dev", team));
    }

    [Theory]
    [InlineData("broadcast", "userspace")]
    [InlineData("broadcast", "ebpf")]
    [InlineData("roundrobin", "userspace")]
    [InlineData("roundrobin", "ebpf")]
    [InlineData("random", "userspace")]
    [InlineData("random", "ebpf")]
    [InlineData("loadbalance", "userspace")]
    [InlineData("loadbalance", "ebpf")]
    public void EveryRunnerCarriesTrafficAndDumpsTeamdsKeys(string runner, string plane)
    {
        using TeamTopology topo = new(plane: plane);
        Device.TeamDevice peer = topo.PeerTeam(runner);
        string team = TeamName();
        string config = "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"" + runner + "\"}, \"ports\": {\"" + topo.Ports[0] + "\": {}, \"" + topo.Ports[1] + "\": {}}}";
        LinkSnapshot[] before = [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];
        using DaemonProcess d = topo.StartDaemon(team, Path.GetTempPath(), ["-c", config]);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 4 * 1024 * 1024);

        JsonNode ours = JsonNode.Parse(d.Teamdctl(topo.A, "state", "dump").Stdout)!;
        JsonNode golden = JsonNode.Parse(Reference(runner, "state_dump.json"))!;
        Assert.Equal(DumpShape.Of(golden, ["eth0", "eth1"]), DumpShape.Of(ours, topo.Ports));
        Assert.Equal(runner, d.Teamdctl(topo.A, "state", "item", "get", "setup.runner_name").Stdout.Trim());
        Assert.Equal(d.Teamdctl(topo.A, "state", "view").Stdout, d.Netteamctl(topo.A, team, "state", "view").Stdout);
        Assert.Equal(d.Teamdctl(topo.A, "config", "dump").Stdout, d.Netteamctl(topo.A, team, "config", "dump").Stdout);

        // A port removed at run time is restored at once and traffic goes on; added back, it carries again. The
        // partner is a static LAG: its end of the link leaves and returns with ours, as an operator would do it
        // (without LACP the partner cannot know, and would go on hashing flows onto the removed link).
        Assert.Equal(0, d.Teamdctl(topo.A, "port", "remove", topo.Ports[1]).Code);
        peer.RemovePort(topo.Peers[1]);
        LinkSnapshot.AssertSame(before[1], LinkSnapshot.Take(topo.A, topo.Ports[1]), topo.Ports[1]);
        Assert.Equal(1, d.Teamdctl(topo.A, "port", "present", topo.Ports[1]).Code);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        peer.AddPort(topo.Peers[1]);
        Assert.Equal(0, d.Netteamctl(topo.A, team, "port", "add", topo.Ports[1]).Code);
        Assert.Equal(0, d.Teamdctl(topo.A, "port", "present", topo.Ports[1]).Code);
        Assert.Contains(topo.Ports[1], d.Netteamctl(topo.A, team, "ports").Stdout);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 1024 * 1024);

        // A clean stop restores both ports and removes the team.
        Assert.True(d.Stop(TimeSpan.FromSeconds(15)), "netteamd did not stop: " + d.Log);
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            LinkSnapshot.AssertSame(before[i], LinkSnapshot.Take(topo.A, topo.Ports[i]), topo.Ports[i]);
        }
        Assert.DoesNotContain(team + ":", topo.A.Ip("link", "show"));
    }

    [Fact]
    public void BadConfigsAreRefusedAndNothingIsCreated()
    {
        using TestNamespace ns = new();
        string team = TeamName();
        var bad = DaemonProcess.RunToEnd(ns, "-c", $"{{\"device\": \"{team}\", \"runner\": {{\"name\": \"nosuchrunner\"}}}}");
        Assert.Equal(1, bad.Code);
        Assert.Contains("No runner named \"nosuchrunner\" available", bad.Output);
        var json = DaemonProcess.RunToEnd(ns, "-c", "{\"device\": ");
        Assert.Equal(1, json.Code);
        Assert.Contains("Failed to parse config", json.Output);
        var missing = DaemonProcess.RunToEnd(ns, "-f", "/nonexistent.conf");
        Assert.Equal(1, missing.Code);
        Assert.Contains("Failed to get absolute path of \"/nonexistent.conf\"", missing.Output);
        var type = DaemonProcess.RunToEnd(ns, "-c", $"{{\"device\": \"{team}\", \"ports\": {{\"eth0\": {{\"prio\": \"high\"}}}}}}");
        Assert.Equal(1, type.Code);
        Assert.Contains("ports.eth0.prio: \"high\" is not an integer", type.Output);
        Assert.DoesNotContain(team, ns.Ip("link", "show"));
        Assert.Equal(1, DaemonProcess.RunToEnd(ns, "-t", team, "-e").Code);
    }

    [Fact]
    public void LogOutputSyslogSendsTeamdsMessagesToTheSyslogSocket()
    {
        using TeamTopology topo = new();
        string team = TeamName();
        string socket = Path.Combine(Path.GetTempPath(), $"netteam-log-{Guid.NewGuid():N}.sock");
        using System.Net.Sockets.Socket syslog = new(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Unspecified);
        syslog.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
        try
        {
            string config = "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"roundrobin\"}, \"ports\": {\"" + topo.Ports[0] + "\": {}}}";
            using DaemonProcess d = DaemonProcess.StartWith(topo.A, team, Path.GetTempPath(), new Dictionary<string, string> { ["NETTEAM_SYSLOG_SOCKET"] = socket }, "-l", "syslog", "-c", config);
            Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
            List<string> messages = [];
            byte[] buffer = new byte[8192];
            syslog.ReceiveTimeout = 5000;
            while (!messages.Exists(m => m.Contains($"Port \"{topo.Ports[0]}\" added.", StringComparison.Ordinal)))
            {
                messages.Add(System.Text.Encoding.UTF8.GetString(buffer, 0, syslog.Receive(buffer)));
            }
            Assert.All(messages, m => Assert.Matches(@"^<\d+>netteamd\[\d+\]: ", m));
            Assert.Contains(messages, m => m.StartsWith($"<30>netteamd[{d.Pid}]: ", StringComparison.Ordinal));
            // Nothing went to the console.
            Assert.DoesNotContain("added", d.Log);
            Assert.True(d.Stop(TimeSpan.FromSeconds(15)));
        }
        finally
        {
            File.Delete(socket);
        }
        var bad = DaemonProcess.RunToEnd(topo.A, "-l", "journal", "-c", "{\"device\": \"" + team + "\"}");
        Assert.Equal(1, bad.Code);
        Assert.Contains("log output \"journal\" is not valid (expected stdout, stderr or syslog)", bad.Output);
    }

    [Fact]
    public void ASecondDaemonForAPortThatIsTakenIsRefusedAndTheFirstKeepsIt()
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        string first = TeamName(), second = TeamName();
        string Config(string team) => "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"roundrobin\"}, \"ports\": {\"" + topo.Ports[0] + "\": {}}}";
        using DaemonProcess d = DaemonProcess.Start(topo.A, first, Path.GetTempPath(), "-c", Config(first));
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", first);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        LinkSnapshot held = LinkSnapshot.Take(topo.A, topo.Ports[0]);

        var r = DaemonProcess.RunToEnd(topo.A, "-c", Config(second));
        Assert.Equal(1, r.Code);
        Assert.Contains($"Device {topo.Ports[0]} is already a port of", r.Output);
        Assert.DoesNotContain(second + ":", topo.A.Ip("link", "show"));
        // The first daemon still has the port, as it was, and traffic goes on.
        Assert.False(d.HasExited);
        Assert.Equal(0, d.Teamdctl(topo.A, "port", "present", topo.Ports[0]).Code);
        LinkSnapshot.AssertSame(held, LinkSnapshot.Take(topo.A, topo.Ports[0]), topo.Ports[0]);
        Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);
    }
}
