using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NetTeam.Control.Client;

namespace NetTeam.Bench;

/// <summary>
/// What netteamd costs while it sits there (issue 12): one lacp team of two ports (fast_rate, an arp_ping
/// probe every 100 ms on each port) facing a second netteamd, the partner, in the other namespace. Per build
/// of netteamd: the time from exec to the first answer on the control socket, resident memory and threads
/// once the team has converged, and CPU time and wake-ups over the idle window.
/// </summary>
internal sealed class IdleBench : IDisposable
{
    private const string TeamIp = "10.213.12.1";
    private const string PartnerIp = "10.213.12.2";

    private readonly BenchTopology _topo;
    private readonly string _plane;
    private readonly string _workDir = Directory.CreateTempSubdirectory("netteam-idle-").FullName;
    private readonly List<Process> _started = [];

    public IdleBench(BenchTopology topo, string plane)
    {
        _topo = topo;
        _plane = plane;
    }

    /// <summary>The partner: a JIT netteamd running lacp over the peers in B, with the address A's probes ask for.</summary>
    public void StartPartner(string[] jit)
    {
        string team = NewTeamName();
        Process partner = Start(jit, _topo.B, Config(team, _topo.Peers, probeTarget: null));
        WaitAnswering(team, partner, TimeSpan.FromSeconds(30));
        BenchTopology.Run("ip", "-n", _topo.B, "addr", "add", PartnerIp + "/24", "dev", team);
    }

    /// <summary>
    /// How many fresh starts each build's start figure is the median of: one start is at the mercy of what
    /// else the machine does in those 50 ms (and on eBPF of three RCU grace periods), so one is not a figure.
    /// </summary>
    public const int StartSamples = 7;

    /// <summary>Starts <paramref name="command"/> as the team in A, measures it idle for <paramref name="idle"/>, and stops it.</summary>
    public IdleFigures Measure(string[] command, TimeSpan idle)
    {
        List<double> starts = [];
        for (int i = 1; i < StartSamples; i++)
        {
            starts.Add(TimeFreshStart(command));
        }
        string team = NewTeamName();
        string config = Config(team, _topo.Ports, PartnerIp);
        Process daemon = StartTimed(command, team, config, out double readyMs);
        starts.Add(readyMs);
        starts.Sort();
        try
        {
            BenchTopology.Run("ip", "-n", _topo.A, "addr", "add", TeamIp + "/24", "dev", team);
            WaitConverged(team, TimeSpan.FromSeconds(20));
            // Let start-up work (the JIT's tiering, first probes) pass before the window opens.
            Thread.Sleep(TimeSpan.FromSeconds(5));
            ProcessSample before = ProcessSample.Read(daemon.Id);
            Stopwatch window = Stopwatch.StartNew();
            Thread.Sleep(idle);
            ProcessSample after = ProcessSample.Read(daemon.Id);
            double seconds = window.Elapsed.TotalSeconds;
            if (!Converged(team))
            {
                throw new InvalidOperationException($"{team} lost its LACP partner or a link watch during the idle window");
            }
            double restartMs = Restart(command, team, config, ref daemon);
            return new IdleFigures(
                starts[starts.Count / 2],
                starts[0],
                starts[^1],
                restartMs,
                after.ResidentBytes / (1024.0 * 1024.0),
                after.Threads,
                100.0 * (after.CpuNanoseconds - before.CpuNanoseconds) / 1e9 / seconds,
                (after.VoluntarySwitches - before.VoluntarySwitches) / seconds,
                after.WakeupsByThread(before, seconds),
                after.CpuPercentByThread(before, seconds),
                after.LostThreadsSince(before));
        }
        finally
        {
            Stop(daemon);
        }
    }

    /// <summary>A start of a new team from nothing, timed from exec to its first answer, then a clean stop (ports restored, team removed).</summary>
    private double TimeFreshStart(string[] command)
    {
        string team = NewTeamName();
        Stop(StartTimed(command, team, Config(team, _topo.Ports, PartnerIp), out double readyMs));
        return readyMs;
    }

    /// <summary>Starts <paramref name="command"/> in A and waits for its first answer; <paramref name="readyMs"/> is the time from its exec.</summary>
    private Process StartTimed(string[] command, string team, string config, out double readyMs)
    {
        Stopwatch sinceExec = Stopwatch.StartNew();
        Process daemon = Start(command, _topo.A, config);
        WaitAnswering(team, daemon, TimeSpan.FromSeconds(30));
        readyMs = sinceExec.Elapsed.TotalMilliseconds;
        return daemon;
    }

    /// <summary>
    /// The restart a crash brings (systemd's Restart=): kill -9, then the same command with -o (take the team
    /// over), timed from its exec to its first answer. The team, its ports and on eBPF its pinned programs
    /// are still there, so the successor adopts them instead of building them.
    /// </summary>
    private double Restart(string[] command, string team, string config, ref Process daemon)
    {
        daemon.Kill();
        daemon.WaitForExit(10_000);
        daemon = StartTimed([.. command, "-o"], team, config, out double readyMs);
        return readyMs;
    }

    private static string NewTeamName() => "nti" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant();

    private static string Config(string team, string[] ports, string? probeTarget)
    {
        // The probes cross the partner's aggregator, which needs our LACPDUs, which need a port whose link
        // watch is up: ethtool beside arp_ping (either up is up) breaks that circle; the probes go on anyway.
        JsonNode watch = probeTarget is null
            ? new JsonObject { ["name"] = "ethtool" }
            : new JsonArray(
                new JsonObject { ["name"] = "ethtool" },
                new JsonObject { ["name"] = "arp_ping", ["interval"] = 100, ["missed_max"] = 3, ["source_host"] = TeamIp, ["target_host"] = probeTarget });
        JsonObject config = new()
        {
            ["device"] = team,
            ["runner"] = new JsonObject { ["name"] = "lacp", ["active"] = true, ["fast_rate"] = true, ["tx_hash"] = new JsonArray("eth", "ipv4") },
            ["link_watch"] = watch,
            ["ports"] = new JsonObject { [ports[0]] = new JsonObject(), [ports[1]] = new JsonObject() },
        };
        return config.ToJsonString();
    }

    private Process Start(string[] command, string ns, string config)
    {
        string log = Path.Combine(_workDir, $"netteamd-{_started.Count}.log");
        ProcessStartInfo psi = new("sh") { ArgumentList = { "-c", "exec nsenter --net=/run/netns/\"$0\" \"$@\" > " + log + " 2>&1", ns } };
        foreach (string a in command.Concat(["--data-plane", _plane, "-c", config]))
        {
            psi.ArgumentList.Add(a);
        }
        Process p = Process.Start(psi)!;
        _started.Add(p);
        return p;
    }

    /// <summary>Polls the control socket every millisecond until this process answers (its pid, not a predecessor's).</summary>
    private void WaitAnswering(string team, Process daemon, TimeSpan timeout)
    {
        string pid = daemon.Id.ToString(CultureInfo.InvariantCulture);
        Stopwatch sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout && !daemon.HasExited)
        {
            if (Ask(team, "setup.pid") == pid)
            {
                return;
            }
            Thread.Sleep(1);
        }
        throw new InvalidOperationException($"netteamd {team} did not answer: " + string.Join('\n', Directory.GetFiles(_workDir).Select(File.ReadAllText)));
    }

    private static string? Ask(string team, string item)
    {
        try
        {
            using TeamdClient client = TeamdClient.Connect(team);
            return client.StateItemGet(item).Payload?.Trim();
        }
        catch (ControlException)
        {
            return null;
        }
    }

    private static bool Converged(string team)
    {
        try
        {
            using TeamdClient client = TeamdClient.Connect(team);
            if (client.StateDump().Payload is not string json || JsonNode.Parse(json)?["ports"] is not JsonObject ports || ports.Count != 2)
            {
                return false;
            }
            // The partner answers every probe through its own tx hash, so on one port only: the probes are
            // answered when some port's arp_ping is up.
            return ports.All(p => p.Value?["runner"]?["state"]?.GetValue<string>() == "current" &&
                p.Value?["runner"]?["selected"]?.GetValue<bool>() == true &&
                p.Value?["link_watches"]?["up"]?.GetValue<bool>() == true) &&
                ports.Any(p => p.Value?["link_watches"]?["list"] is JsonObject list &&
                list.Any(w => w.Value?["name"]?.GetValue<string>() == "arp_ping" && w.Value?["up"]?.GetValue<bool>() == true));
        }
        catch (ControlException)
        {
            return false;
        }
    }

    private static void WaitConverged(string team, TimeSpan timeout)
    {
        Stopwatch sw = Stopwatch.StartNew();
        while (!Converged(team))
        {
            if (sw.Elapsed > timeout)
            {
                string dump;
                try
                {
                    using TeamdClient client = TeamdClient.Connect(team);
                    dump = client.StateDump().Payload ?? "";
                }
                catch (ControlException ex)
                {
                    dump = ex.Message;
                }
                throw new TimeoutException($"{team}: LACP did not converge or a probe watcher stayed down: {dump}");
            }
            Thread.Sleep(50);
        }
    }

    private static void Stop(Process daemon) => BenchTopology.Terminate(daemon, TimeSpan.FromSeconds(15));

    public void Dispose()
    {
        foreach (Process p in _started)
        {
            Stop(p);
            p.Dispose();
        }
        Directory.Delete(_workDir, recursive: true);
    }
}
