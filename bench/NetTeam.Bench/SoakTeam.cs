using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NetTeam.Control.Client;
using NetTeam.Control.Protocol;

namespace NetTeam.Bench;

/// <summary>
/// One team of the soak: netteamd with one runner on one data plane in a namespace of its own, two ports
/// facing a peer namespace (a bridge with the peer address, or for lacp a partner netteamd), a UDP stream
/// through it, and a chaos thread that every 1-5 s (seeded) flaps a random port's link, removes and re-adds
/// a port, sends a control request the mode cares about, or changes a port's MTU from outside. The same
/// thread samples the daemon once a minute, between two actions.
/// </summary>
internal sealed class SoakTeam : IDisposable
{
    private const string TeamIp = "10.213.20.1";
    private const string PeerIp = "10.213.20.2";

    private readonly string _runner;
    private readonly string _plane;
    private readonly Random _random;
    private readonly Stopwatch _clock;
    private readonly string _work;
    private readonly List<Process> _daemons = [];
    private readonly Dictionary<string, string> _saved = [];
    private readonly Thread _chaos;
    private readonly List<string> _problems = [];
    private SoakTraffic? _traffic;
    private TimeSpan _startedAt;
    private volatile bool _stop;

    public SoakTeam(int index, string runner, string plane, int seed, Stopwatch clock, string work)
    {
        _runner = runner;
        _plane = plane;
        _random = new Random(seed);
        _clock = clock;
        _work = work;
        string suffix = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant();
        A = $"nts-{suffix}-a";
        B = $"nts-{suffix}-b";
        Team = $"nts{suffix}{index:x}";
        Label = $"{runner}/{plane}";
        _chaos = new Thread(ChaosLoop) { IsBackground = true, Name = "soak-" + Label };
    }

    public string A { get; }

    public string B { get; }

    public string Team { get; }

    public string Label { get; }

    /// <summary>DOTNET_GCgen0size for the daemons (hex bytes), or null for the runtime's own budget.</summary>
    public string? Gen0Size { get; init; }

    public string[] Ports { get; } = ["pa0", "pa1"];

    public string[] Peers { get; } = ["pb0", "pb1"];

    public SoakWindows Windows { get; } = new();

    public List<SoakSample> Samples { get; } = [];

    public Dictionary<string, int> Actions { get; } = [];

    public int Crashes { get; private set; }

    public Process? Daemon => _daemons.Count > 0 ? _daemons[0] : null;

    public SoakTraffic Traffic => _traffic ?? throw new InvalidOperationException("not started");

    public void Build()
    {
        BenchTopology.Run("ip", "netns", "add", A);
        BenchTopology.Run("ip", "netns", "add", B);
        foreach (string ns in new[] { A, B })
        {
            BenchTopology.Run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        for (int i = 0; i < Ports.Length; i++)
        {
            BenchTopology.Run("ip", "-n", A, "link", "add", Ports[i], "type", "veth", "peer", "name", Peers[i], "netns", B);
            BenchTopology.Run("ip", "-n", B, "link", "set", Peers[i], "up");
            _saved[Ports[i]] = Settings(Ports[i]);
        }
    }

    /// <summary>The settings netteamd must give back to a port: MTU, MAC and flags (sysfs).</summary>
    public string Settings(string port) => string.Join(' ', new[] { "mtu", "address", "flags" }.Select(f => f + "=" + BenchTopology.Run("ip", "netns", "exec", A, "cat", $"/sys/class/net/{port}/{f}").Trim()));

    public void Start(string[] netteamd)
    {
        if (_runner == "lacp")
        {
            string partner = Team + "p";
            _daemons.Add(StartDaemon(netteamd, B, Config(partner, Peers)));
            WaitAnswering(partner);
            BenchTopology.Run("ip", "-n", B, "addr", "add", PeerIp + "/24", "dev", partner);
        }
        else
        {
            BenchTopology.Run("ip", "-n", B, "link", "add", "br0", "type", "bridge");
            foreach (string peer in Peers)
            {
                BenchTopology.Run("ip", "-n", B, "link", "set", peer, "master", "br0");
            }
            BenchTopology.Run("ip", "-n", B, "addr", "add", PeerIp + "/24", "dev", "br0");
            BenchTopology.Run("ip", "-n", B, "link", "set", "br0", "up");
        }
        _daemons.Insert(0, StartDaemon(netteamd, A, Config(Team, Ports)));
        WaitAnswering(Team);
        BenchTopology.Run("ip", "-n", A, "addr", "add", TeamIp + "/24", "dev", Team);
        _traffic = new SoakTraffic(A, B, PeerIp, 9000, _clock);
        // The first datagrams wait for ARP and (lacp) the aggregator: a window of their own.
        Windows.Add(_clock.ElapsedTicks, _clock.ElapsedTicks + 5 * Stopwatch.Frequency);
        _traffic.Start();
        _startedAt = _clock.Elapsed;
        _chaos.Start();
    }

    private string Config(string team, string[] ports)
    {
        JsonObject runner = new() { ["name"] = _runner };
        if (_runner == "lacp")
        {
            runner["active"] = true;
            runner["fast_rate"] = true;
        }
        if (_runner is "lacp" or "loadbalance")
        {
            runner["tx_hash"] = new JsonArray("eth", "ipv4", "l4");
        }
        JsonObject portConfig = new() { [ports[0]] = new JsonObject { ["prio"] = 10 }, [ports[1]] = new JsonObject() };
        return new JsonObject { ["device"] = team, ["runner"] = runner, ["link_watch"] = new JsonObject { ["name"] = "ethtool" }, ["ports"] = portConfig }.ToJsonString();
    }

    private Process StartDaemon(string[] netteamd, string ns, string config)
    {
        string log = Path.Combine(_work, $"{Team}-{_daemons.Count}.log");
        ProcessStartInfo psi = new("sh") { ArgumentList = { "-c", "exec nsenter --net=/run/netns/\"$0\" \"$@\" > " + log + " 2>&1", ns } };
        // The workstation GC lets gen0 grow by tens of MiB before it collects, which a minute-to-minute RSS
        // comparison would take for a leak: with the budget pinned (DOTNET_GCgen0size, hex bytes; 1 MiB by
        // default, well under 5% of a daemon's RSS) garbage goes every MiB, and RSS shows what the daemon keeps.
        if (Gen0Size is string gen0)
        {
            psi.Environment["DOTNET_GCgen0size"] = gen0;
        }
        // The installed netteamd is Native AOT: no JIT whose tier-1 recompilations add code as the chaos reaches
        // new paths in minute 2. Without tiering the JIT build compiles each method once, as AOT has it compiled.
        psi.Environment["DOTNET_TieredCompilation"] = "0";
        foreach (string a in netteamd.Concat(["--data-plane", _plane, "-c", config]))
        {
            psi.ArgumentList.Add(a);
        }
        return Process.Start(psi)!;
    }

    private static void WaitAnswering(string team)
    {
        Stopwatch sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using TeamdClient c = TeamdClient.Connect(team);
                if (c.StateItemGet("setup.pid").IsSuccess)
                {
                    return;
                }
            }
            catch (ControlException)
            {
            }
            Thread.Sleep(20);
        }
        throw new TimeoutException($"netteamd of {team} did not answer within 60 s");
    }

    private void ChaosLoop()
    {
        int minute = 1;
        while (!_stop)
        {
            Pause(1000 + _random.Next(4000));
            if (_stop)
            {
                break;
            }
            if (Daemon!.HasExited)
            {
                Crashes++;
                break;
            }
            try
            {
                // A connection per turn, as teamdctl makes one per command: the server closes one that sends
                // nothing for 10 s, and a turn (a flap, a pause) can leave a kept connection silent that long.
                using TeamdClient client = TeamdClient.Connect(Team);
                if (_clock.Elapsed - _startedAt >= TimeSpan.FromMinutes(minute))
                {
                    Sample(minute++, client);
                }
                Act(client);
            }
            catch (Exception ex)
            {
                // A request unanswered in time (TeamdClient's 5 s), refused, or a reply of the wrong shape is a
                // finding of the soak, not the end of it (an exception on this thread would end the process): the run goes on, and ends with every team stopped, checked and its namespaces gone.
                lock (_problems)
                {
                    _problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Label}: at {_clock.Elapsed.TotalSeconds:F0} s: {ex.Message}"));
                }
            }
        }
    }

    /// <summary>Sleeps in small steps, so a stop is taken within 100 ms.</summary>
    private void Pause(int milliseconds)
    {
        Stopwatch sw = Stopwatch.StartNew();
        while (!_stop && sw.ElapsedMilliseconds < milliseconds)
        {
            Thread.Sleep(Math.Min(100, milliseconds));
        }
    }

    private void Act(TeamdClient client)
    {
        // A datagram sent just before a disruption may still be in flight (the userspace plane's queues) when it starts.
        long start = _clock.ElapsedTicks - Stopwatch.Frequency / 10;
        string port = Ports[_random.Next(Ports.Length)];
        int i = Array.IndexOf(Ports, port);
        string action;
        switch (_random.Next(4))
        {
            case 0:
                action = "link flap";
                BenchTopology.Run("ip", "-n", B, "link", "set", Peers[i], "down");
                Thread.Sleep(200 + _random.Next(800));
                BenchTopology.Run("ip", "-n", B, "link", "set", Peers[i], "up");
                break;
            case 1:
                action = "port remove/add";
                Check(client.PortRemove(port), "port remove " + port);
                Thread.Sleep(200 + _random.Next(800));
                Check(client.PortAdd(port), "port add " + port);
                break;
            case 2:
                action = _runner == "activebackup" ? "set active_port" : "setoption";
                Check(_runner == "activebackup"
                    ? client.StateItemSet("runner.active_port", port)
                    : client.SetOption("mcast_rejoin_interval", _random.Next(0, 100).ToString(CultureInfo.InvariantCulture)), action);
                break;
            default:
                action = "mtu from outside";
                int[] mtus = [1280, 1400, 1500, 9000];
                // A team may refuse a port's MTU change, as the kernel's does: counted, not fatal.
                BenchTopology.TryRun("ip", "-n", A, "link", "set", port, "mtu", mtus[_random.Next(mtus.Length)].ToString(CultureInfo.InvariantCulture));
                break;
        }
        Actions[action] = Actions.GetValueOrDefault(action) + 1;
        // Recovery takes the link watch, LACP's fast periodic exchange (1 s, up to 3 s to expire) and ARP.
        Windows.Add(start, _clock.ElapsedTicks + 4 * Stopwatch.Frequency);
    }

    private void Check(ControlReply reply, string what)
    {
        if (!reply.IsSuccess)
        {
            Actions["refused: " + what.Split(' ')[0]] = Actions.GetValueOrDefault("refused: " + what.Split(' ')[0]) + 1;
        }
    }

    private void Sample(int minute, TeamdClient client)
    {
        int pid = Daemon!.Id;
        ProcessSample p = ProcessSample.Read(pid);
        int fds = Directory.GetFiles($"/proc/{pid}/fd").Length;
        long drops = 0;
        JsonObject stats = client.GetStatistics();
        foreach (JsonNode? c in new[] { stats["team"] }.Concat((stats["ports"] as JsonObject ?? []).Select(kv => kv.Value)))
        {
            drops += (c?["rx_dropped"]?.GetValue<long>() ?? 0) + (c?["tx_dropped"]?.GetValue<long>() ?? 0);
        }
        lock (Samples)
        {
            Samples.Add(new SoakSample(minute, p.ResidentBytes, p.Threads, fds, drops, Traffic.Sent, Traffic.Lost().Count));
        }
    }

    /// <summary>Stops the chaos and the stream, then the daemons; true when every port has its settings back.</summary>
    public List<string> StopAndCheck()
    {
        _stop = true;
        _chaos.Join();
        _traffic?.Stop();
        List<string> problems;
        lock (_problems)
        {
            problems = [.. _problems];
        }
        if (Daemon is { HasExited: true })
        {
            Crashes++;
        }
        foreach (Process d in _daemons)
        {
            if (!BenchTopology.Terminate(d, TimeSpan.FromSeconds(20)))
            {
                problems.Add($"{Label}: netteamd did not stop within 20 s");
            }
        }
        foreach (string port in Ports)
        {
            string now = Settings(port);
            if (now != _saved[port])
            {
                problems.Add($"{Label}: {port} not restored: {now} (was {_saved[port]})");
            }
        }
        return problems;
    }

    public void Dispose()
    {
        _stop = true;
        _traffic?.Dispose();
        foreach (Process d in _daemons.Where(d => !d.HasExited))
        {
            d.Kill();
        }
        BenchTopology.TryRun("ip", "netns", "del", A);
        BenchTopology.TryRun("ip", "netns", "del", B);
    }
}
