namespace NetTeam.Runners.Host;

/// <summary>A one-shot timer on the event loop. Start re-arms it; a stopped or re-armed timer never fires stale.</summary>
public interface IRunnerTimer : IDisposable
{
    bool IsRunning { get; }

    void Start(TimeSpan due);

    void Stop();
}
