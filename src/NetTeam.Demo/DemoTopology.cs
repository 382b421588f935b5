using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using NetTeam.Interop;

namespace NetTeam.Demo;

/// <summary>
/// The demo's network: namespace A holds the team's ports (veths), namespace B their peers joined by a
/// Linux bridge that carries the peer address. Addresses are private and exist only inside these
/// namespaces; everything is deleted on Dispose.
/// </summary>
internal sealed class DemoTopology : IDisposable
{
    private const string TeamAddress = "10.213.0.1";
    private const string PeerAddress = "10.213.0.2";
    private readonly List<string> _namespaces = [];
    private bool _disposed;

    public DemoTopology(string suffix)
    {
        TeamNs = $"ntd-{suffix}-a";
        PeerNs = $"ntd-{suffix}-b";
        Ports = [$"pa0-{suffix}", $"pa1-{suffix}"];
        Peers = [$"pb0-{suffix}", $"pb1-{suffix}"];
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public string TeamNs { get; }

    public string PeerNs { get; }

    public string[] Ports { get; }

    public string[] Peers { get; }

    public void Build()
    {
        foreach (string ns in new[] { TeamNs, PeerNs })
        {
            Ip("netns", "add", ns);
            _namespaces.Add(ns);
            Ip("-n", ns, "link", "set", "lo", "up");
        }
        Ip("-n", PeerNs, "link", "add", "br0", "type", "bridge");
        for (int i = 0; i < 2; i++)
        {
            Ip("-n", TeamNs, "link", "add", Ports[i], "type", "veth", "peer", "name", Peers[i], "netns", PeerNs);
            Ip("-n", PeerNs, "link", "set", Peers[i], "master", "br0");
            Ip("-n", PeerNs, "link", "set", Peers[i], "up");
        }
        Ip("-n", PeerNs, "addr", "add", PeerAddress + "/24", "dev", "br0");
        Ip("-n", PeerNs, "link", "set", "br0", "up");
        foreach (string port in Ports)
        {
            _before[port] = Describe(port);
        }
    }

    public void ConfigureTeamAddress(string team) => Ip("-n", TeamNs, "addr", "add", TeamAddress + "/24", "dev", team);

    /// <summary>The embedded default: activebackup over both ports, the first preferred and sticky, as libteam's examples.</summary>
    public static string DefaultConfig(string team, string[] ports) =>
        "{\n" +
        $"    \"device\": \"{team}\",\n" +
        "    \"runner\": {\"name\": \"activebackup\"},\n" +
        "    \"link_watch\": {\"name\": \"ethtool\"},\n" +
        $"    \"ports\": {{\"{ports[0]}\": {{\"prio\": 100, \"sticky\": true}}, \"{ports[1]}\": {{\"prio\": -10}}}}\n" +
        "}";

    private readonly Dictionary<string, string> _before = [];

    /// <summary>Whether each port is back to what it was before the team (ip -d -j link, ignoring carrier).</summary>
    public bool PortsRestored() => Ports.All(p => _before.TryGetValue(p, out string? b) && b == Describe(p));

    private string Describe(string port)
    {
        using System.Text.Json.JsonDocument doc = System.Text.Json.JsonDocument.Parse(Run("ip", "-n", TeamNs, "-d", "-j", "link", "show", "dev", port));
        System.Text.Json.JsonElement l = doc.RootElement[0];
        string flags = string.Join(',', l.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).Where(f => f is not ("LOWER_UP" or "NO-CARRIER" or "M-DOWN")));
        return $"{l.GetProperty("mtu")} {l.GetProperty("address")} {flags} {l.GetProperty("promiscuity")}";
    }

    /// <summary>Takes the active port's link down by downing its peer (the port loses carrier).</summary>
    public void CutActiveLink() => Ip("-n", PeerNs, "link", "set", Peers[0], "down");

    public string Ping(int count)
    {
        string output = Run("ip", "netns", "exec", TeamNs, "ping", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.01", "-W", "1", PeerAddress);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return "ping: " + string.Join("; ", lines.Where(l => l.Contains("packets transmitted", StringComparison.Ordinal) || l.StartsWith("rtt", StringComparison.Ordinal)));
    }

    /// <summary>Sends pseudo-random bytes from the team namespace to a server in the peer namespace and checks them.</summary>
    public long TcpTransfer(int bytes)
    {
        byte[] data = new byte[bytes];
        new Random(bytes).NextBytes(data);
        byte[] expected = SHA256.HashData(data);
        using Socket listener = InNamespace(PeerNs, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        listener.Bind(new IPEndPoint(IPAddress.Parse(PeerAddress), 0));
        listener.Listen(1);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        Task<byte[]> server = Task.Run(() =>
        {
            using Socket conn = listener.Accept();
            using IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] buffer = new byte[256 * 1024];
            long total = 0;
            int n;
            while ((n = conn.Receive(buffer)) > 0)
            {
                sha.AppendData(buffer, 0, n);
                total += n;
            }
            return total == bytes ? sha.GetHashAndReset() : [];
        });
        using (Socket client = InNamespace(TeamNs, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)))
        {
            client.SendTimeout = 10000;
            client.Connect(new IPEndPoint(IPAddress.Parse(PeerAddress), port));
            client.Send(data);
            client.Shutdown(SocketShutdown.Send);
        }
        if (!server.Wait(TimeSpan.FromSeconds(30)) || !server.Result.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException("the TCP transfer did not arrive intact");
        }
        return bytes;
    }

    private static T InNamespace<T>(string name, Func<T> create)
    {
        Errno err = NetNamespace.Open(name, out NetNamespace? ns);
        if (!err.IsSuccess || ns is null)
        {
            throw new InvalidOperationException($"cannot open namespace {name}: {err.Message}");
        }
        using (ns)
        {
            err = ns.Enter(out NetNamespaceScope scope);
            if (!err.IsSuccess)
            {
                throw new InvalidOperationException($"cannot enter namespace {name}: {err.Message}");
            }
            using (scope)
            {
                return create();
            }
        }
    }

    private static void Ip(params string[] args) => Run("ip", args);

    private static string Run(string file, params string[] args)
    {
        ProcessStartInfo psi = new(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(60000) || p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {stderr.Trim()}");
        }
        return stdout;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        foreach (string ns in _namespaces)
        {
            try
            {
                Run("ip", "netns", "del", ns);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
