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

    public bool Covers(long ticks)
    {
        lock (_windows)
        {
            return _windows.Any(w => ticks >= w.Start && ticks <= w.End);
        }
    }
}
