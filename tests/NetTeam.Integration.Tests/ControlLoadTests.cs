using System.Globalization;
using NetTeam.Control.Server;
using NetTeam.Integration.Tests.Load;
using NetTeam.Integration.Tests.Topology;
using Xunit.Abstractions;

namespace NetTeam.Integration.Tests;

/// <summary>netteamd's control socket under many clients at once, some of them misbehaving.</summary>
public class ControlLoadTests(ITestOutputHelper output)
{
    /// <summary>How long the load runs (CI runs it at this length).</summary>
    private static readonly TimeSpan s_loadDuration = TimeSpan.FromSeconds(30);

    /// <summary>A first, short run of the same mix, so that what the start values hold is the daemon warmed up (JIT, thread pool, GC heap), not its first seconds.</summary>
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(3);

    private const int Clients = 200;
    private const int SilentClients = 10;
    private const int HalfRequestClients = 5;
    private const int GoneMidReplyClients = 5;

    /// <summary>
    /// VmRSS may end this much above its start. The GC (workstation, non-concurrent) gives memory back to the
    /// system only after a collection, and with next to no allocation after the load none comes: what stays is
    /// the gen0 budget and the free space of the regions the load's 200 concurrent clients grew (15 to 20 MiB,
    /// almost all RssAnon, in runs on a 2-core machine). 32 MiB allows for that with a margin; a buffer kept per
    /// connection (64 KiB before requests were read into pooled buffers) over the load's tens of thousands of
    /// connections would be gigabytes.
    /// </summary>
    private const long RssToleranceBytes = 32L * 1024 * 1024;

    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(20);

    private static string TeamName() => "nt" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();

    private static string AbConfig(string team, string[] ports) => $$$"""
        {
            "device": "{{{team}}}", "runner": {"name": "activebackup"}, "link_watch": {"name": "ethtool"},
            "ports": {"{{{ports[0]}}}": {}, "{{{ports[1]}}}": {}
            }
        }
        """;

    /// <summary>
    /// The daemon's descriptors, but for a .pdb: the runtime opens the symbol file of an assembly the first time
    /// it renders an exception's stack trace with line numbers and keeps it for the process's life (the AOT build
    /// has none). That is a cache filled once, not a descriptor per connection; every other one counts exactly.
    /// </summary>
    private static int Descriptors(int pid) =>
        Directory.GetFileSystemEntries($"/proc/{pid}/fd").Count(f => Target(f) is not string t || !t.EndsWith(".pdb", StringComparison.Ordinal));

    /// <summary>What a descriptor is; null when it closed between the listing and the look.</summary>
    private static string? Target(string fd)
    {
        try
        {
            return new FileInfo(fd).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>What each descriptor is (socket:[inode], anon_inode:[eventfd], a path), to say which one is left over.</summary>
    private static List<string> DescriptorTargets(int pid) =>
        [.. Directory.GetFileSystemEntries($"/proc/{pid}/fd").Select(f => Path.GetFileName(f) + "=" + (Target(f) ?? "?")).Order(StringComparer.Ordinal)];

    private static string Status(int pid) => string.Join(", ", File.ReadLines($"/proc/{pid}/status")
        .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal) || l.StartsWith("RssAnon:", StringComparison.Ordinal) || l.StartsWith("RssFile:", StringComparison.Ordinal) || l.StartsWith("Threads:", StringComparison.Ordinal))
        .Select(l => string.Join(' ', l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))));

    private static long Rss(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    [Fact]
    public async Task TwoHundredClientsAtOnceEachGetOneMatchingReplyPerRequestWithinASecondAndNothingLeaks()
    {
        using TeamTopology topo = new(plane: "userspace");
        string team = TeamName();
        Directory.CreateDirectory(topo.LockDirectory);
        string conf = Path.Combine(topo.LockDirectory, "ab.conf");
        File.WriteAllText(conf, AbConfig(team, topo.Ports));
        // The GC's gen0 budget pinned to 4 MiB (DOTNET_GCgen0size, hex), as in the flood test: with the runtime's
        // own budget, which grows under load and is not given back within the settle, retention looks like a leak.
        using DaemonProcess d = topo.StartDaemon(team, topo.LockDirectory, ["-f", conf], environment: new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "400000" });
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        string path = Path.Combine(UsockServer.DefaultDirectory, team + ".sock");

        UsockLoadStats warm = new();
        await RunLoadAsync(path, team, topo.Ports, warm, s_warmUp, silent: false);
        Assert.Empty(warm.Failures);
        // The warm-up's connections are closed by the server once it sees their ends: wait for the count to hold.
        int fdStart = SettledDescriptors(d.Pid);
        List<string> fdsBefore = DescriptorTargets(d.Pid);
        long rssStart = Rss(d.Pid);
        string statusBefore = Status(d.Pid);

        UsockLoadStats stats = new();
        int silentClosed = await RunLoadAsync(path, team, topo.Ports, stats, s_loadDuration, silent: true);

        output.WriteLine($"{stats.SentCount} requests, {stats.RepliedCount} replies, {stats.Events} monitor events, {silentClosed} silent connections closed by the server");
        output.WriteLine($"max latency {stats.MaxLatency.TotalMilliseconds:F1} ms: {stats.Summary()}");

        // Descriptors exactly back; memory back within the tolerance, given a bounded time to settle.
        bool fdBack = TeamTopology.WaitFor(() => Descriptors(d.Pid) == fdStart, s_settle);
        int fdEnd = Descriptors(d.Pid);
        bool rssBack = TeamTopology.WaitFor(() => Rss(d.Pid) <= rssStart + RssToleranceBytes, s_settle);
        long rssEnd = Rss(d.Pid);
        output.WriteLine($"descriptors {fdStart} -> {fdEnd}; VmRSS {rssStart / 1024} KiB -> {rssEnd / 1024} KiB (tolerance {RssToleranceBytes / 1024} KiB)");
        output.WriteLine($"before: {statusBefore}; after: {Status(d.Pid)}");
        output.WriteLine("daemon warnings: " + string.Join(" | ", d.Log.Split('\n').Where(l => l.Contains("warn", StringComparison.OrdinalIgnoreCase) || l.Contains("Control loop", StringComparison.Ordinal)).Take(20)));
        output.WriteLine($"descriptors new: {string.Join(' ', DescriptorTargets(d.Pid).Except(fdsBefore))}; gone: {string.Join(' ', fdsBefore.Except(DescriptorTargets(d.Pid)))}");
        List<string> fdsAfter = DescriptorTargets(d.Pid);
        Assert.Empty(stats.Failures);
        Assert.Equal(stats.SentCount, stats.RepliedCount);
        Assert.True(stats.SentCount > Clients, $"only {stats.SentCount} requests were made");
        Assert.True(silentClosed >= SilentClients, $"only {silentClosed} silent connections were closed");
        Assert.True(stats.MaxLatency < TimeSpan.FromSeconds(1), $"a reply took {stats.MaxLatency.TotalMilliseconds:F0} ms");
        Assert.True(fdBack, $"descriptors {fdStart} before the load, {fdEnd} after; new: {string.Join(' ', fdsAfter.Except(fdsBefore))}; gone: {string.Join(' ', fdsBefore.Except(fdsAfter))}");
        Assert.True(rssBack, $"VmRSS {rssStart / 1024} KiB before the load, {rssEnd / 1024} KiB after");

        // And it still answers, as itself.
        Assert.False(d.HasExited, "netteamd ended under the load: " + d.Log);
        var pid = d.Teamdctl(topo.A, "state", "item", "get", "setup.pid");
        Assert.Equal(d.Pid.ToString(CultureInfo.InvariantCulture), pid.Stdout.Trim());
        Assert.Contains(d.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout.Trim(), topo.Ports);
    }

    /// <summary>Every client at once until the duration ends; returns how many silent connections the server closed.</summary>
    private static async Task<int> RunLoadAsync(string path, string team, string[] ports, UsockLoadStats stats, TimeSpan duration, bool silent)
    {
        DateTime end = DateTime.UtcNow + duration;
        List<Task> tasks = [.. Enumerable.Range(0, Clients).Select(i => Task.Run(() => new UsockLoadClient(path, team, ports, stats).RunAsync(i, end)))];
        tasks.AddRange(Enumerable.Range(0, HalfRequestClients).Select(_ => Task.Run(() => UsockMisbehavingClient.HalfRequestsAsync(path, end, stats))));
        tasks.AddRange(Enumerable.Range(0, GoneMidReplyClients).Select(_ => Task.Run(() => UsockMisbehavingClient.GoneMidReplyAsync(path, end, stats))));
        Task<int>[] silentOnes = silent ? [.. Enumerable.Range(0, SilentClients).Select(_ => Task.Run(() => UsockMisbehavingClient.SilentAsync(path, end, stats)))] : [];
        Task all = Task.WhenAll([.. tasks, .. silentOnes]);
        // Bounded: the duration, a silent client's last wait (the idle timeout and its slack) and some more.
        await all.WaitAsync(duration + UsockServer.IdleTimeout + TimeSpan.FromSeconds(30));
        return silentOnes.Sum(t => t.Result);
    }

    private static int SettledDescriptors(int pid)
    {
        int last = Descriptors(pid);
        DateTime stableSince = DateTime.UtcNow;
        DateTime end = DateTime.UtcNow + s_settle;
        while (DateTime.UtcNow < end && DateTime.UtcNow - stableSince < TimeSpan.FromSeconds(1))
        {
            Thread.Sleep(50);
            int now = Descriptors(pid);
            if (now != last)
            {
                (last, stableSince) = (now, DateTime.UtcNow);
            }
        }
        return last;
    }
}
