using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using NetTeam.Control.Client;
using NetTeam.Integration.Tests.Topology;
using NetTeam.Interop;

namespace NetTeam.Integration.Tests;

/// <summary>
/// Issue 14: one port of a lacp team (a real partner netteamd, live and dead arp_ping and nsna_ping targets)
/// flooded from the peer side with hostile frames for <see cref="FloodTime"/>: netteamd keeps every LACP and
/// link-watch verdict, counts what it drops and why, answers control requests within 100 ms throughout, and
/// its resident memory stays flat.
/// </summary>
public class FloodTests
{
    /// <summary>How long each run floods: long enough for a leak or a starved timer to show, short enough for CI.</summary>
    private static readonly TimeSpan FloodTime = TimeSpan.FromSeconds(30);

    private const string TeamIp6 = "fd00:213::1";
    private const string PeerIp6 = "fd00:213::2";
    private const string DeadIp = "10.213.7.99";
    private const string DeadIp6 = "fd00:213::99";

    /// <summary>
    /// Watchers 1-4: arp_ping and nsna_ping to the partner's addresses (live) and to addresses nobody has
    /// (dead), validated, every 100 ms. ethtool (watcher 0) keeps each port's verdict up whatever the probes
    /// hear, so the LACP state depends on the flood alone ("any" policy, as bench idle does).
    /// </summary>
    private static string Config(string team, string[] ports, bool probes)
    {
        JsonArray watches = [new JsonObject { ["name"] = "ethtool" }];
        if (probes)
        {
            watches.Add((JsonNode)Arp(TeamTopology.PeerIp));
            watches.Add((JsonNode)Arp(DeadIp));
            watches.Add((JsonNode)new JsonObject { ["name"] = "nsna_ping", ["interval"] = 100, ["missed_max"] = 3, ["target_host"] = PeerIp6 });
            watches.Add((JsonNode)new JsonObject { ["name"] = "nsna_ping", ["interval"] = 100, ["missed_max"] = 3, ["target_host"] = DeadIp6 });
        }
        JsonObject config = new()
        {
            ["device"] = team,
            // The partner hashes on MACs only, so its ARP replies and NAs to one port's probes take one link.
            ["runner"] = new JsonObject { ["name"] = "lacp", ["active"] = true, ["fast_rate"] = true, ["tx_hash"] = probes ? new JsonArray("eth", "ipv4", "ipv6") : new JsonArray("eth") },
            ["link_watch"] = watches,
            ["ports"] = new JsonObject { [ports[0]] = new JsonObject(), [ports[1]] = new JsonObject() },
        };
        return config.ToJsonString();

        static JsonObject Arp(string target) => new()
        {
            ["name"] = "arp_ping", ["interval"] = 100, ["missed_max"] = 3, ["source_host"] = TeamTopology.TeamIp, ["target_host"] = target,
            ["validate_active"] = true, ["validate_inactive"] = true,
        };
    }

    private static bool WatchUp(JsonObject dump, string port, int watch) =>
        dump["ports"]?[port]?["link_watches"]?["list"]?[$"link_watch_{watch}"]?["up"]?.GetValue<bool>() ?? false;

    /// <summary>
    /// The verdicts that must hold: on the flooded port every probe watcher's, on the others the dead targets'
    /// (a live target answers on one link only, so theirs may be either), as "port:watch=up" words.
    /// </summary>
    private static string Verdicts(JsonObject dump, string[] ports, string flooded) =>
        string.Join(' ', ports.SelectMany(p => (p == flooded ? [1, 2, 3, 4] : new[] { 2, 4 }).Select(w => $"{p}:{w}={(WatchUp(dump, p, w) ? "up" : "down")}")));

    private static string Expected(string[] ports, string flooded) =>
        string.Join(' ', ports.SelectMany(p => p == flooded ? [$"{p}:1=up", $"{p}:2=down", $"{p}:3=up", $"{p}:4=down"] : new[] { $"{p}:2=down", $"{p}:4=down" }));

    private static long ResidentKiB(int pid) =>
        long.Parse(File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void AHostileFloodOnOnePortChangesNoVerdictIsCountedByReasonAndLeavesControlFastAndMemoryFlat(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        string teamA = LacpTests.TeamName();
        string teamB = LacpTests.TeamName();
        string work = topo.LockDirectory;
        Directory.CreateDirectory(work);
        // The workstation GC lets gen0 grow to tens of MiB before it collects (its budget follows the cache size
        // and the allocation rate), which would hide a leak of that size for the whole flood: with the budget
        // pinned to 4 MiB (DOTNET_GCgen0size, hex) garbage goes every few MiB, and what stays is retained.
        using DaemonProcess a = topo.StartDaemon(teamA, work, ["-c", Config(teamA, topo.Ports, probes: true)], environment: new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "400000" });
        using DaemonProcess b = topo.StartDaemon(teamB, work, ["-c", Config(teamB, topo.Peers, probes: false)], topo.B);
        Assert.True(a.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd A did not start: " + a.Log);
        Assert.True(b.WaitReady(topo.B, TimeSpan.FromSeconds(30)), "netteamd B did not start: " + b.Log);
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", teamA);
        topo.B.Ip("addr", "add", TeamTopology.PeerIp + "/24", "dev", teamB);
        TeamTopology.EnableIpv6(topo.B, teamB, PeerIp6 + "/64");
        TeamTopology.EnableIpv6(topo.A, teamA, TeamIp6 + "/64");
        using TeamdClient control = TeamdClient.Connect(teamA);
        using TeamdClient partner = TeamdClient.Connect(teamB);

        // The partner answers each probe on one link (its tx hash): the port that hears both live targets is flooded.
        int flooded = -1;
        bool settled = TeamTopology.WaitFor(() =>
        {
            JsonObject d = control.GetStateDump();
            flooded = Array.FindIndex(topo.Ports, p => WatchUp(d, p, 1) && WatchUp(d, p, 3));
            return flooded >= 0 && Verdicts(d, topo.Ports, topo.Ports[flooded]) == Expected(topo.Ports, topo.Ports[flooded]) &&
                LacpTests.Converged(d, topo.Ports) && LacpTests.Converged(partner.GetStateDump(), topo.Peers);
        }, TimeSpan.FromSeconds(20));
        string port = topo.Ports[Math.Max(flooded, 0)];
        string verdicts = Expected(topo.Ports, port);
        Assert.True(settled && Verdicts(control.GetStateDump(), topo.Ports, port) == verdicts,
            $"no convergence or no port hearing both live targets: {Verdicts(control.GetStateDump(), topo.Ports, port)}\n{a.Log}");
        long answersBefore = Watch(control.GetStatistics(), port, 1)["answers"]!.GetValue<long>();

        MacAddress portMac = MacAddress.Parse(topo.A.Exec("cat", $"/sys/class/net/{port}/address").Trim());
        int seed = Random.Shared.Next();
        HostileFrames frames = new(new Random(seed), portMac, IPAddress.Parse(TeamTopology.TeamIp), IPAddress.Parse(DeadIp), IPAddress.Parse(DeadIp6));
        using FrameFlood flood = new(topo.B, topo.Peers[flooded], frames);
        // The same poll for 3 s without the flood: what the machine's own load costs a request.
        FloodWatch baseline = new(teamA, port);
        baseline.Start();
        Thread.Sleep(TimeSpan.FromSeconds(3));
        baseline.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"control before the flood ({plane}): {baseline.Polls} gets, max {baseline.MaxLatency.TotalMilliseconds:F1} ms, mean {baseline.MeanLatency.TotalMilliseconds:F2} ms"));
        FloodWatch watch = new(teamA, port);
        List<(double Seconds, long KiB)> memory = [];
        List<string> violations = [];
        flood.Start();
        watch.Start();
        Stopwatch sw = Stopwatch.StartNew();
        while (sw.Elapsed < FloodTime)
        {
            JsonObject dump = control.GetStateDump();
            if (!LacpTests.Converged(dump, topo.Ports) || Verdicts(dump, topo.Ports, port) != verdicts)
            {
                violations.Add($"{sw.Elapsed.TotalSeconds:F1} s: {Verdicts(dump, topo.Ports, port)} converged={LacpTests.Converged(dump, topo.Ports)}");
            }
            if (!LacpTests.Converged(partner.GetStateDump(), topo.Peers))
            {
                violations.Add($"{sw.Elapsed.TotalSeconds:F1} s: the partner lost its aggregator");
            }
            memory.Add((sw.Elapsed.TotalSeconds, ResidentKiB(a.Pid)));
            Thread.Sleep(500);
        }
        flood.Stop();
        watch.Stop();
        JsonObject stats = control.GetStatistics();
        Report(plane, seed, flood, watch, stats, port, memory);

        Assert.False(a.HasExited, "netteamd A ended under the flood: " + a.Log);
        Assert.True(violations.Count == 0, $"verdicts before: {verdicts}\n" + string.Join('\n', violations.Take(20)));
        Assert.True(watch.Failures == 0 && watch.NotCurrent == 0, $"{watch.Failures} control requests failed, {watch.NotCurrent} answers were not \"current\"");
        Assert.True(watch.Polls >= FloodTime.TotalMilliseconds / 50 * 0.8, $"only {watch.Polls} polls in {FloodTime.TotalSeconds} s");
        Assert.True(watch.MaxLatency < TimeSpan.FromMilliseconds(100), $"a state item took {watch.MaxLatency.TotalMilliseconds:F1} ms");
        AssertCounted(flood, stats, port);
        Assert.True(Watch(stats, port, 1)["answers"]!.GetValue<long>() > answersBefore + FloodTime.TotalSeconds, "the live target's answers did not get through");
        AssertFlat(memory);
    }

    private static JsonNode Lacp(JsonObject stats, string port) => stats["ports"]![port]!["control_frames"]!["runner"]!;

    private static JsonNode Watch(JsonObject stats, string port, int index) => stats["ports"]![port]!["control_frames"]!["link_watches"]![index]!;

    private static long Get(JsonNode node, string key) => node[key]!.GetValue<long>();

    /// <summary>Every class of hostile frame that reaches netteamd shows in its counters, and the counters add up.</summary>
    private static void AssertCounted(FrameFlood flood, JsonObject stats, string port)
    {
        JsonNode lacp = Lacp(stats, port);
        Assert.True(flood.Sent(HostileKind.TruncatedSlow) > 0 && Get(lacp, "illegal_truncated") > 0, lacp.ToJsonString());
        Assert.True(Get(lacp, "illegal_oversized") > 0 && Get(lacp, "illegal_malformed") > 0 && Get(lacp, "illegal_not_slow_protocols") > 0, lacp.ToJsonString());
        Assert.True(Get(lacp, "lacpdu_unknown_rx") > 0, lacp.ToJsonString());
        // One Marker Response per 2 s at most, the rest counted as limited. The Markers share the queue of the
        // frames that are not well-formed LACPDUs; when it overflows they may all be among its counted drops.
        Assert.True(Get(lacp, "marker_resp_tx") <= FloodTime.TotalSeconds / 2 + 2, lacp.ToJsonString());
        // Where more than one got through, the limit held them back. (A CI run had none through and none counted
        // as queue-full: the kernel's socket queue can lose them before the channel does.)
        Assert.True(Get(lacp, "marker_rx") <= 1 || Get(lacp, "marker_rate_limited") > 0, lacp.ToJsonString());
        // Each frame the LACP channel delivered is in exactly one of these.
        long classified = Get(lacp, "lacpdu_rx") + Get(lacp, "lacpdu_illegal_rx") + Get(lacp, "lacpdu_unknown_rx") + Get(lacp, "marker_rx") + Get(lacp, "marker_resp_rx");
        Assert.Equal(Get(lacp, "channel_received"), classified);
        Assert.Equal(Get(lacp, "lacpdu_illegal_rx"), Get(lacp, "illegal_truncated") + Get(lacp, "illegal_oversized") + Get(lacp, "illegal_malformed") + Get(lacp, "illegal_not_slow_protocols"));
        foreach (int dead in new[] { 2, 4 })
        {
            JsonNode w = Watch(stats, port, dead);
            Assert.True(Get(w, "frames_ignored") > 0 && Get(w, "answers") == 0 && !w["up"]!.GetValue<bool>(), w.ToJsonString());
        }
    }

    /// <summary>
    /// Flat: the highest RSS of the last third of the flood is at most 4 MiB above that of the first third. Any
    /// per-frame leak would be far over: a hundred thousand frames a second keeping even 8 bytes each grows
    /// by 8 MiB in 10 s, while the GC's gen0 budget and the JIT's late tiering stay within a few MiB.
    /// </summary>
    private static void AssertFlat(List<(double Seconds, long KiB)> memory)
    {
        int third = memory.Count / 3;
        long early = memory.Take(third).Max(m => m.KiB);
        long late = memory.Skip(memory.Count - third).Max(m => m.KiB);
        Assert.True(late - early <= 4096, $"RSS grew from {early} KiB to {late} KiB: " + string.Join(", ", memory.Select(m => $"{m.Seconds:F0}s {m.KiB}")));
    }

    private static void Report(string plane, int seed, FrameFlood flood, FloodWatch watch, JsonObject stats, string port, List<(double Seconds, long KiB)> memory)
    {
        double s = flood.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"flood ({plane}, seed {seed}) on {port}: {flood.TotalSent} frames in {s:F1} s, {flood.TotalSent / s:F0} frames/s"));
        foreach (HostileKind kind in Enum.GetValues<HostileKind>())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind,-18} sent {flood.Sent(kind),10} ({flood.Sent(kind) / s,8:F0}/s) refused by the sender {flood.Refused(kind),8}"));
        }
        JsonNode cf = stats["ports"]![port]!["control_frames"]!;
        Console.WriteLine("  lacp counters: " + cf["runner"]!.ToJsonString());
        foreach (JsonNode? w in cf["link_watches"]!.AsArray())
        {
            Console.WriteLine("  watcher: " + w!.ToJsonString());
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  control: {watch.Polls} state item gets, max {watch.MaxLatency.TotalMilliseconds:F1} ms, mean {watch.MeanLatency.TotalMilliseconds:F2} ms"));
        Console.WriteLine($"  VmRSS KiB: first {memory[0].KiB}, min {memory.Min(m => m.KiB)}, max {memory.Max(m => m.KiB)}, last {memory[^1].KiB}; every 2 s: " +
            string.Join(' ', memory.Where((_, i) => i % 4 == 0).Select(m => m.KiB)));
    }
}
