namespace NetTeam.Runners;

/// <summary>
/// A runner's failovers: how many times it moved the team's traffic to another port because a port's link or
/// link-watch verdict changed (activebackup: a new active port), and how long the last one took, from the
/// event behind it (<see cref="RunnerPort.EventTimestamp"/>) to the new snapshot being published to the data
/// plane. Administrative moves (state item set, port removal, a resumed predecessor) are not failovers.
/// Written on the event loop; read there too (the daemon's metrics).
/// </summary>
public sealed class FailoverStatistics
{
    public long Count { get; private set; }

    /// <summary>The duration of the last failover; zero before the first.</summary>
    public TimeSpan LastDuration { get; private set; }

    /// <summary>When the last failover's snapshot was published; null before the first.</summary>
    public DateTimeOffset? LastAt { get; private set; }

    /// <summary>A failover whose snapshot was just published; <paramref name="cause"/> is the port whose change caused it.</summary>
    internal void Record(IRunnerHost host, RunnerPort cause)
    {
        Count++;
        LastDuration = cause.EventTimestamp == 0 ? TimeSpan.Zero : host.Time.GetElapsedTime(cause.EventTimestamp);
        LastAt = host.Time.GetUtcNow();
    }
}
