using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>
/// netteamd under systemd, as far as a machine without systemd as PID 1 allows: the unit passes systemd-analyze
/// verify, and the notify protocol (READY after the team carries traffic, watchdog keep-alives from the control
/// loop) is checked against a socket the test owns, as systemd's NOTIFY_SOCKET would be.
/// </summary>
public class SystemdTests
{
    [Fact]
    public void TheUnitVerifies()
    {
        string dir = Directory.CreateTempSubdirectory("netteam-unit-").FullName;
        try
        {
            // systemd-analyze checks that the binaries exist: this machine has them only as the build's.
            string unit = File.ReadAllText(Path.Combine(RepoRoot(), "dist", "netteamd@.service"));
            // Where the Debian package puts the daemon and where netteamd.conf(5) says the configs live.
            Assert.Contains("ExecStart=/usr/sbin/netteamd -U -o -t %i -f /etc/netteam/%i.conf", unit, StringComparison.Ordinal);
            unit = unit.Replace("/usr/sbin/netteamd", "/bin/true", StringComparison.Ordinal);
            Assert.Contains("ExecStop=/bin/true -t %i --detach", unit, StringComparison.Ordinal);
            Assert.Contains("WatchdogSec=", unit, StringComparison.Ordinal);
            string path = Path.Combine(dir, "netteamd@team0.service");
            File.WriteAllText(path, unit);
            var r = Cmd.Try("systemd-analyze", "verify", "--man=no", path);
            Assert.True(r.Code == 0 && r.Stderr.Trim().Length == 0, r.Stdout + r.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ReadyComesOnceTheTeamCarriesTrafficAndKeepAlivesFollow()
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        string team = LacpTests.TeamName();
        string socketPath = Path.Combine(Path.GetTempPath(), $"netteam-notify-{Guid.NewGuid():N}.sock");
        using Socket notify = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));
        try
        {
            Dictionary<string, string> env = new() { ["NOTIFY_SOCKET"] = socketPath, ["WATCHDOG_USEC"] = "400000" };
            string config = "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"activebackup\"}, \"ports\": {\"" + topo.Ports[0] + "\": {}}}";
            using DaemonProcess d = DaemonProcess.StartWith(topo.A, team, Path.GetTempPath(), env, "-c", config);
            string ready = Receive(notify, TimeSpan.FromSeconds(30));
            Assert.Contains("READY=1", ready, StringComparison.Ordinal);
            Assert.Contains("STATUS=carrying traffic", ready, StringComparison.Ordinal);
            Assert.Contains("MAINPID=", ready, StringComparison.Ordinal);
            // Keep-alives at half the watchdog interval: four of them take about 0.8 s.
            Stopwatch sw = Stopwatch.StartNew();
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal("WATCHDOG=1", Receive(notify, TimeSpan.FromSeconds(2)));
            }
            Assert.InRange(sw.Elapsed.TotalSeconds, 0.3, 2.5);
        }
        finally
        {
            File.Delete(socketPath);
        }
    }

    [Fact]
    public void DetachKeepsTheTeamForwardingForTheNextDaemonAndDestroyRemovesIt()
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        string team = LacpTests.TeamName();
        LinkSnapshot[] before = [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];
        string config = "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"activebackup\"}, \"ports\": {\"" + topo.Ports[0] + "\": {}, \"" + topo.Ports[1] + "\": {}}}";
        using (DaemonProcess d = DaemonProcess.Start(topo.A, team, Path.GetTempPath(), "--data-plane", "ebpf", "-c", config))
        {
            Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), d.Log);
            topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            var detach = DaemonProcess.RunToEnd(topo.A, "-t", team, "--detach");
            Assert.True(detach.Code == 0, detach.Output);
            Assert.True(d.WaitExit(TimeSpan.FromSeconds(15)), "the daemon did not end: " + d.Log);
        }
        // No daemon: the pinned plane forwards, the ports keep the team's settings.
        Assert.Equal(20, topo.Ping(topo.A, TeamTopology.PeerIp, 20).Received);
        Assert.NotEqual(before[0], LinkSnapshot.Take(topo.A, topo.Ports[0]));
        var destroy = DaemonProcess.RunToEnd(topo.A, "-t", team, "--destroy");
        Assert.True(destroy.Code == 0, destroy.Output);
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            LinkSnapshot.AssertSame(before[i], LinkSnapshot.Take(topo.A, topo.Ports[i]), topo.Ports[i]);
        }
        Assert.DoesNotContain(team, topo.A.Ip("link", "show"), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateDirectories("/sys/fs/bpf/netteam", team, SearchOption.AllDirectories));
    }

    private static string Receive(Socket socket, TimeSpan timeout)
    {
        byte[] buffer = new byte[4096];
        socket.ReceiveTimeout = (int)timeout.TotalMilliseconds;
        int n = socket.Receive(buffer);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    internal static string RepoRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "NetTeam.slnx")))
            {
                return d.FullName;
            }
        }
        throw new DirectoryNotFoundException("NetTeam.slnx not found above " + AppContext.BaseDirectory);
    }
}
