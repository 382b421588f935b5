namespace NetTeam.Integration.Tests.Load;

/// <summary>What the load test's clients saw, shared by all of them.</summary>
internal sealed class UsockLoadStats
{
    private readonly object _sync = new();
    private readonly List<string> _failures = [];
    private long _sent;
    private long _replied;
    private long _events;
    private long _maxTicks;
    private readonly Dictionary<string, (long Count, long MaxTicks, long Over100Ms)> _byMethod = [];

    public long SentCount => Interlocked.Read(ref _sent);

    public long RepliedCount => Interlocked.Read(ref _replied);

    public long Events => Interlocked.Read(ref _events);

    public TimeSpan MaxLatency => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks));

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_sync)
            {
                return [.. _failures];
            }
        }
    }

    public void Sent() => Interlocked.Increment(ref _sent);

    public void Replied() => Interlocked.Increment(ref _replied);

    public void Event() => Interlocked.Increment(ref _events);

    /// <summary>Per method: requests, the slowest reply, and how many took over 100 ms.</summary>
    public string Summary()
    {
        lock (_sync)
        {
            return string.Join("; ", _byMethod.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
                $"{kv.Key} {kv.Value.Count} max {TimeSpan.FromTicks(kv.Value.MaxTicks).TotalMilliseconds:F1} ms, {kv.Value.Over100Ms} over 100 ms"));
        }
    }

    public void Record(string method, TimeSpan latency)
    {
        lock (_sync)
        {
            (long count, long max, long over) = _byMethod.GetValueOrDefault(method);
            _byMethod[method] = (count + 1, Math.Max(max, latency.Ticks), over + (latency > TimeSpan.FromMilliseconds(100) ? 1 : 0));
        }
        Record(latency);
    }

    private void Record(TimeSpan latency)
    {
        long ticks = latency.Ticks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, ticks, seen) != seen)
        {
        }
    }

    public void Fail(string what)
    {
        lock (_sync)
        {
            // The first few say what went wrong; thousands of the same would only hide them.
            if (_failures.Count < 20)
            {
                _failures.Add(what);
            }
        }
    }
}
