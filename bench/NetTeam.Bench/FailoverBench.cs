using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NetTeam.Device.DataPlane;
using NetTeam.Interop;

namespace NetTeam.Bench;

/// <summary>
/// Failover time of netteamd's activebackup runner, measured as what an application sees: a probe every
/// 1 ms from the team to an echo server behind a bridge, and how many echoes are lost when the active
/// port fails. Two failures: carrier loss with the ethtool watcher, and a silent failure (carrier stays
/// up, the switch port is dead) with arp_ping at interval 100 and missed_max 3.
/// </summary>
internal sealed partial class FailoverBench : IDisposable
{
    private const string TeamIp = "10.213.11.1";
    private const string PeerIp = "10.213.11.2";
    private const int ProbePort = 5401;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(1);

    private readonly BenchTopology _topo;
    private readonly string _team;
    private readonly string _workDir = Directory.CreateTempSubdirectory("netteam-failover-").FullName;
    private Process? _daemon;

    public FailoverBench(BenchTopology topo)
    {
        _topo = topo;
        _team = "ntf" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant();
    }

    /// <summary>One trigger, <paramref name="trials"/> times: (lost probes, longest gap in ms) per trial.</summary>
    public List<(int Lost, double GapMs)> Measure(DataPlaneKind plane, string linkWatch, Action<BenchTopology> fail, Action<BenchTopology> repair, int trials)
    {
        StartDaemon(plane, linkWatch);
        List<(int, double)> results = [];
        try
        {
            for (int t = 0; t < trials; t++)
            {
                WaitActive(_topo.Ports[0], everyPortUp: true);
                results.Add(ProbeAcross(() => fail(_topo)));
                WaitActive(_topo.Ports[1], everyPortUp: false);
                repair(_topo);
            }
        }
        finally
        {
            StopDaemon();
        }
        return results;
    }

    /// <summary>The bench's own bridge in B with both peers and the echo address; a down bridge for silent failures.</summary>
    public void Build()
    {
        BenchTopology.Run("ip", "-n", _topo.B, "link", "add", "fbr0", "type", "bridge");
        BenchTopology.Run("ip", "-n", _topo.B, "link", "add", "fdead0", "type", "bridge");
        foreach (string peer in _topo.Peers)
        {
            BenchTopology.Run("ip", "-n", _topo.B, "addr", "flush", "dev", peer);
            BenchTopology.Run("ip", "-n", _topo.B, "link", "set", peer, "master", "fbr0");
        }
        BenchTopology.Run("ip", "-n", _topo.B, "addr", "add", PeerIp + "/24", "dev", "fbr0");
        BenchTopology.Run("ip", "-n", _topo.B, "link", "set", "fbr0", "up");
    }

    public static void CarrierDown(BenchTopology topo) => BenchTopology.Run("ip", "-n", topo.B, "link", "set", topo.Peers[0], "down");

    public static void CarrierUp(BenchTopology topo) => BenchTopology.Run("ip", "-n", topo.B, "link", "set", topo.Peers[0], "up");

    public static void Silence(BenchTopology topo) => BenchTopology.Run("ip", "-n", topo.B, "link", "set", topo.Peers[0], "master", "fdead0");

    public static void Unsilence(BenchTopology topo) => BenchTopology.Run("ip", "-n", topo.B, "link", "set", topo.Peers[0], "master", "fbr0");

    private void StartDaemon(DataPlaneKind plane, string linkWatch, params string[] extra)
    {
        JsonObject config = new()
        {
            ["device"] = _team,
            ["runner"] = new JsonObject { ["name"] = "activebackup" },
            ["link_watch"] = JsonNode.Parse(linkWatch),
            ["ports"] = new JsonObject
            {
                [_topo.Ports[0]] = new JsonObject { ["prio"] = 100 },
                [_topo.Ports[1]] = new JsonObject { ["prio"] = -10 },
            },
        };
        string log = Path.Combine(_workDir, $"netteamd-{Directory.GetFiles(_workDir).Length}.log");
        ProcessStartInfo psi = new("sh") { ArgumentList = { "-c", "exec nsenter --net=/run/netns/\"$0\" dotnet \"$@\" > " + log + " 2>&1", _topo.A, Path.Combine(AppContext.BaseDirectory, "netteamd.dll"), "--data-plane", plane.ToString().ToLowerInvariant(), "-c", config.ToJsonString() } };
        foreach (string a in extra)
        {
            psi.ArgumentList.Add(a);
        }
        if (Environment.GetEnvironmentVariable("NETTEAM_BENCH_VERBOSE") == "1")
        {
            // Timestamps to the millisecond in the daemon's log, printed at the end.
            psi.ArgumentList.Add("-g");
        }
        _daemon = Process.Start(psi)!;
        Stopwatch sw = Stopwatch.StartNew();
        // This daemon, not a predecessor still answering on the socket (a handover).
        while (Ctl("state", "item", "get", "setup.pid").Stdout.Trim() != _daemon.Id.ToString(CultureInfo.InvariantCulture))
        {
            if (_daemon.HasExited || sw.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException("netteamd did not start: " + File.ReadAllText(log));
            }
            Thread.Sleep(20);
        }
        BenchTopology.Run("ip", "-n", _topo.A, "addr", "replace", TeamIp + "/24", "dev", _team);
    }

    private void StopDaemon()
    {
        if (_daemon is not null)
        {
            BenchTopology.Terminate(_daemon, TimeSpan.FromSeconds(15));
        }
        _daemon?.Dispose();
        _daemon = null;
    }

    private (int Code, string Stdout) Ctl(params string[] args)
    {
        ProcessStartInfo psi = new("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "netns", "exec", _topo.A, "dotnet", Path.Combine(AppContext.BaseDirectory, "netteamctl.dll"), _team }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout);
    }

    /// <summary>Waits until <paramref name="port"/> is active, and with <paramref name="everyPortUp"/> until the backup is ready too.</summary>
    private void WaitActive(string port, bool everyPortUp)
    {
        Stopwatch sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(20))
        {
            var r = Ctl("state", "dump");
            if (r.Code == 0 && JsonNode.Parse(r.Stdout) is JsonNode dump &&
                dump["runner"]?["active_port"]?.GetValue<string>() == port &&
                (!everyPortUp || dump["ports"]!.AsObject().All(p => p.Value!["link_watches"]!["up"]!.GetValue<bool>())))
            {
                return;
            }
            Thread.Sleep(50);
        }
        throw new TimeoutException($"{port} did not become active");
    }

    /// <summary>
    /// Sends a numbered probe every 1 ms for 3 s from the team to the echo server, fails the active port after
    /// 1 s, and counts the probes whose echo never came back.
    /// </summary>
    private (int Lost, double GapMs) ProbeAcross(Action fail) => ProbeAcross(fail, 3000, out _);

    /// <param name="answered">For each probe, whether its echo came back.</param>
    private (int Lost, double GapMs) ProbeAcross(Action fail, int count, out bool[] answered)
    {
        using Socket echo = InNamespace(_topo.B, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        echo.Bind(new IPEndPoint(IPAddress.Parse(PeerIp), ProbePort));
        using Socket probe = InNamespace(_topo.A, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        probe.Bind(new IPEndPoint(IPAddress.Parse(TeamIp), 0));
        probe.ReceiveTimeout = 100;
        echo.ReceiveTimeout = 100;
        bool[] back = new bool[count];
        answered = back;
        int warm = 0;
        using CancellationTokenSource done = new();
        Thread echoer = new(() =>
        {
            byte[] b = new byte[64];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            while (!done.IsCancellationRequested)
            {
                try
                {
                    int n = echo.ReceiveFrom(b, ref from);
                    echo.SendTo(b.AsSpan(0, n), SocketFlags.None, from);
                }
                catch (SocketException)
                {
                }
            }
        });
        Thread receiver = new(() =>
        {
            byte[] b = new byte[64];
            while (!done.IsCancellationRequested)
            {
                try
                {
                    if (probe.Receive(b) >= 4 && BinaryPrimitives.ReadInt32BigEndian(b) is int seq)
                    {
                        if (seq >= 0 && seq < count)
                        {
                            back[seq] = true;
                        }
                        else if (seq == -1)
                        {
                            Interlocked.Increment(ref warm);
                        }
                    }
                }
                catch (SocketException)
                {
                }
            }
        });
        echoer.Start();
        receiver.Start();
        IPEndPoint to = new(IPAddress.Parse(PeerIp), ProbePort);
        // Start from a settled path: ARP resolved, the bridge forwarding to the active port (after the previous
        // trial's failback its port may still be waiting for the kernel to report carrier), 100 echoes in a row.
        Stopwatch settle = Stopwatch.StartNew();
        while (Volatile.Read(ref warm) < 100)
        {
            int before = Volatile.Read(ref warm);
            probe.SendTo(BitConverter.GetBytes(-1), to);
            Thread.Sleep(2);
            if (Volatile.Read(ref warm) == before)
            {
                Volatile.Write(ref warm, 0);
            }
            if (settle.Elapsed > TimeSpan.FromSeconds(10))
            {
                done.Cancel();
                throw new TimeoutException("the path to the echo server did not settle before the trial");
            }
        }
        byte[] payload = new byte[32];
        Stopwatch clock = Stopwatch.StartNew();
        for (int seq = 0; seq < count; seq++)
        {
            TimeSpan due = Spacing * seq;
            // Sleep while ahead, so the sender costs no CPU time the daemon needs; a late probe is sent at once,
            // so the stream keeps 1 ms on average with no drift (nanosleep overshoots by tens of microseconds).
            while (clock.Elapsed < due)
            {
                Thread.Sleep(1);
            }
            BinaryPrimitives.WriteInt32BigEndian(payload, seq);
            probe.SendTo(payload, to);
            if (seq == 1000)
            {
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    if (Environment.GetEnvironmentVariable("NETTEAM_BENCH_VERBOSE") == "1")
                    {
                        Console.WriteLine($"  failing at {DateTime.Now:HH:mm:ss.fff}");
                    }
                    fail();
                    if (Environment.GetEnvironmentVariable("NETTEAM_BENCH_VERBOSE") == "1")
                    {
                        Console.WriteLine($"  failed at {DateTime.Now:HH:mm:ss.fff}");
                    }
                });
            }
        }
        Thread.Sleep(300);
        done.Cancel();
        echoer.Join();
        receiver.Join();
        int lost = back.Count(b => !b);
        int run = 0, longest = 0, longestEnd = 0;
        for (int i = 0; i < back.Length; i++)
        {
            run = back[i] ? 0 : run + 1;
            if (run > longest)
            {
                longest = run;
                longestEnd = i;
            }
        }
        if (Environment.GetEnvironmentVariable("NETTEAM_BENCH_VERBOSE") == "1")
        {
            Console.WriteLine($"  trial: {lost} lost, longest gap {longest} ms ending at probe {longestEnd} (failure at probe 1000)");
        }
        return (lost, longest * Spacing.TotalMilliseconds);
    }

    private static T InNamespace<T>(string name, Func<T> action)
    {
        Errno err = NetNamespace.Open(name, out NetNamespace? ns);
        if (!err.IsSuccess)
        {
            throw new InvalidOperationException($"cannot open {name}: {err.Message}");
        }
        using (ns!)
        {
            ns!.Enter(out NetNamespaceScope scope);
            using (scope)
            {
                return action();
            }
        }
    }

    public void Dispose()
    {
        StopDaemon();
        if (Environment.GetEnvironmentVariable("NETTEAM_BENCH_VERBOSE") == "1")
        {
            foreach (string log in Directory.GetFiles(_workDir).Order(StringComparer.Ordinal))
            {
                Console.WriteLine("netteamd log: " + File.ReadAllText(log));
            }
        }
        Directory.Delete(_workDir, recursive: true);
    }
}
