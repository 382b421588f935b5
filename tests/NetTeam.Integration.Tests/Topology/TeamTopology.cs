using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NetTeam.Device;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>
/// Two namespaces joined by veth pairs: A holds the team's ports pa0.., B their peers pb0... The peer side
/// is either a Linux bridge or a second NetTeam team (a static LAG partner). Teams and namespaces are
/// removed on Dispose, teams first so their ports are restored while the namespaces still exist.
/// </summary>
internal sealed partial class TeamTopology : IDisposable
{
    public const string TeamIp = "10.213.7.1";
    public const string PeerIp = "10.213.7.2";

    private readonly List<TeamDevice> _teams = [];
    private readonly string _suffix;

    /// <param name="plane">The data plane of every team and daemon the test makes here: auto, userspace or ebpf.</param>
    public TeamTopology(int ports = 2, string plane = "auto")
    {
        Plane = plane;
        _suffix = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant();
        A = new TestNamespace();
        B = new TestNamespace();
        Ports = [.. Enumerable.Range(0, ports).Select(i => $"pa{i}-{_suffix}")];
        Peers = [.. Enumerable.Range(0, ports).Select(i => $"pb{i}-{_suffix}")];
        for (int i = 0; i < ports; i++)
        {
            A.Ip("link", "add", Ports[i], "type", "veth", "peer", "name", Peers[i], "netns", B.Name);
            B.Ip("link", "set", Peers[i], "up");
        }
    }

    public TestNamespace A { get; }

    /// <summary>The data plane the test runs on, as the config and --data-plane spell it.</summary>
    public string Plane { get; }

    public TestNamespace B { get; }

    public string[] Ports { get; }

    public string[] Peers { get; }

    public string LockDirectory { get; } = Path.Combine(Path.GetTempPath(), "netteam-locks-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>A team in namespace A over all ports, up, with the team address.</summary>
    public TeamDevice CreateTeam(string mode, string? ip = TeamIp, TestNamespace? ns = null, string[]? ports = null, string name = "team0", Device.Threading.ControlLoop? loop = null)
    {
        ns ??= A;
        TeamDevice team = TeamDevice.Create(new TeamCreateOptions
        {
            Name = name,
            Mode = mode,
            NetworkNamespace = ns.Name,
            Up = true,
            LockDirectory = LockDirectory,
            ControlLoop = loop,
            DataPlane = Enum.Parse<Device.DataPlane.DataPlaneKind>(Plane, ignoreCase: true),
        });
        _teams.Add(team);
        foreach (string port in ports ?? (ns == A ? Ports : Peers))
        {
            team.AddPort(port);
        }
        if (ip is not null)
        {
            ns.Ip("addr", "add", ip + "/24", "dev", name);
        }
        return team;
    }

    /// <summary>The peers joined by a bridge in B that carries the peer address.</summary>
    public void BridgePeers()
    {
        B.Ip("link", "add", "br0", "type", "bridge");
        foreach (string peer in Peers)
        {
            B.Ip("link", "set", peer, "master", "br0");
        }
        B.Ip("addr", "add", PeerIp + "/24", "dev", "br0");
        B.Ip("link", "set", "br0", "up");
    }

    /// <summary>
    /// A silent failure of port <paramref name="i"/>'s link: its peer moves to a bridge that is down, so the
    /// port keeps its carrier but nothing it sends is answered or forwarded (a dead switch port).
    /// </summary>
    public void SilencePeer(int i)
    {
        if (!B.Ip("link", "show").Contains(" dead0:", StringComparison.Ordinal))
        {
            B.Ip("link", "add", "dead0", "type", "bridge");
        }
        B.Ip("link", "set", Peers[i], "master", "dead0");
    }

    /// <summary>Puts port <paramref name="i"/>'s peer back on the live bridge.</summary>
    public void RestorePeer(int i) => B.Ip("link", "set", Peers[i], "master", "br0");

    /// <summary>IPv6 on <paramref name="device"/> in <paramref name="ns"/> (the namespaces start with it off), with an address.</summary>
    public static void EnableIpv6(TestNamespace ns, string device, string? address)
    {
        ns.Sysctl($"net.ipv6.conf.{device}.disable_ipv6", "0");
        if (address is not null)
        {
            ns.Ip("addr", "add", address, "dev", device, "nodad");
        }
    }

    /// <summary>A second NetTeam team in B over the peers: the static LAG partner.</summary>
    public TeamDevice PeerTeam(string mode) => CreateTeam(mode, PeerIp, B, Peers, "team1");

    public (int Sent, int Received, int Duplicates) Ping(TestNamespace from, string to, int count = 10, double interval = 0.01)
    {
        var r = from.TryExec("ping", "-c", count.ToString(CultureInfo.InvariantCulture), "-i", interval.ToString(CultureInfo.InvariantCulture), "-W", "1", to);
        Match m = PingSummary().Match(r.Stdout);
        if (!m.Success)
        {
            throw new InvalidOperationException($"unexpected ping output: {r.Stdout} {r.Stderr}");
        }
        int dups = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), dups);
    }

    /// <summary>Polls until <paramref name="condition"/> holds or the deadline passes.</summary>
    public static bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        DateTime end = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < end)
        {
            if (condition())
            {
                return true;
            }
            Thread.Sleep(10);
        }
        return condition();
    }

    /// <summary>Pings until one answer comes back (ARP and bridge learning settle), bounded.</summary>
    public void WaitReachable(TestNamespace from, string to)
    {
        Assert.True(WaitFor(() => Ping(from, to, 1).Received == 1, TimeSpan.FromSeconds(10)), $"{to} not reachable from {from.Name}");
    }

    /// <summary>Sends pseudo-random bytes over TCP from <paramref name="from"/> to a server at <paramref name="toIp"/> in <paramref name="to"/> and checks every byte.</summary>
    public static void TcpTransfer(TestNamespace from, TestNamespace to, string toIp, int bytes)
    {
        byte[] data = new byte[bytes];
        new Random(bytes).NextBytes(data);
        byte[] expected = SHA256.HashData(data);
        using Socket listener = to.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        listener.Bind(new IPEndPoint(IPAddress.Parse(toIp), 0));
        listener.Listen(1);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        Task<(long, byte[])> server = Task.Run(() =>
        {
            using Socket conn = listener.Accept();
            conn.ReceiveTimeout = 20_000;
            using IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] buffer = new byte[256 * 1024];
            long total = 0;
            int n;
            while ((n = conn.Receive(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, n);
                total += n;
            }
            return (total, sha.GetHashAndReset());
        });
        using (Socket client = from.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)))
        {
            client.SendTimeout = 20_000;
            client.Connect(new IPEndPoint(IPAddress.Parse(toIp), port));
            client.Send(data);
            client.Shutdown(SocketShutdown.Send);
            Assert.True(server.Wait(TimeSpan.FromSeconds(30)), "the TCP transfer did not finish within 30 s");
        }
        (long received, byte[] hash) = server.Result;
        Assert.Equal(bytes, received);
        Assert.Equal(expected, hash);
    }

    /// <summary>Sends UDP datagrams from a given source port, from inside <paramref name="ns"/>.</summary>
    public static void SendUdp(TestNamespace ns, string toIp, int sourcePort, int destinationPort, int count)
    {
        using Socket s = ns.Run(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        s.Bind(new IPEndPoint(IPAddress.Any, sourcePort));
        byte[] payload = new byte[100];
        IPEndPoint to = new(IPAddress.Parse(toIp), destinationPort);
        for (int i = 0; i < count; i++)
        {
            s.SendTo(payload, to);
        }
    }

    public void RemoveTeam(TeamDevice team)
    {
        _teams.Remove(team);
        team.Dispose();
    }

    public void Dispose()
    {
        foreach (TeamDevice team in _teams)
        {
            team.Dispose();
        }
        _teams.Clear();
        A.Dispose();
        B.Dispose();
        try
        {
            Directory.Delete(LockDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"(\d+) packets transmitted, (\d+) received(?:, \+(\d+) duplicates)?")]
    private static partial Regex PingSummary();
}
