namespace NetTeam.Device;

/// <summary>
/// An open batch of team changes (<see cref="ITeamControl.BeginUpdate"/>): disposing the outermost scope
/// publishes one snapshot with everything the batch changed.
/// </summary>
public readonly struct TeamUpdateScope : IDisposable
{
    private readonly Action? _end;

    internal TeamUpdateScope(Action end) => _end = end;

    public void Dispose() => _end?.Invoke();
}
