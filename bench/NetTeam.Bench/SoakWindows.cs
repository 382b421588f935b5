namespace NetTeam.Bench;

/// <summary>The times (clock ticks) when a loss is expected: from each disruption's start to its recovery's end.</summary>
internal sealed class SoakWindows
{
    private readonly List<(long Start, long End)> _windows = [];

    public void Add(long start, long end)
    {
        lock (_windows)
        {
            _windows.Add((start, end));
        }
    }

    /// <summary>How far (ticks) <paramref name="ticks"/> lies after the end of the last window that started before it; -1 for none.</summary>
    public long SinceLastEnd(long ticks)
    {
        lock (_windows)
        {
            return _windows.Where(w => w.Start <= ticks).Select(w => ticks - w.End).DefaultIfEmpty(-1).Min(d => d < 0 ? long.MaxValue : d) is long d && d != long.MaxValue ? d : -1;
        }
    }

    public bool Covers(long ticks)
    {
        lock (_windows)
        {
            return _windows.Any(w => ticks >= w.Start && ticks <= w.End);
        }
    }
}
