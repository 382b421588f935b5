namespace NetTeam.Cli.Top;

/// <summary>
/// The last change of the active port that top itself saw between two samples. The state dump has the active
/// port but not when it last changed (teamd's neither), so top can only tell what happened while it watched, to
/// within its sampling interval, and says so.
/// </summary>
internal sealed class ActivePortWatch
{
    private bool _seen;

    public ActivePortWatch(DateTimeOffset since) => Since = since;

    /// <summary>When top began to watch.</summary>
    public DateTimeOffset Since { get; }

    public string? Current { get; private set; }

    /// <summary>The active port before the last change; null (and <see cref="ChangedAt"/> null) while no change was seen.</summary>
    public string? Previous { get; private set; }

    /// <summary>When the sample that first showed the last change was taken.</summary>
    public DateTimeOffset? ChangedAt { get; private set; }

    public void Observe(string? activePort, DateTimeOffset at)
    {
        if (!_seen)
        {
            _seen = true;
            Current = activePort;
            return;
        }
        if (activePort != Current)
        {
            Previous = Current;
            Current = activePort;
            ChangedAt = at;
        }
    }

    public void Observe(TopSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        Observe(sample.ActivePort, sample.Time);
    }
}
