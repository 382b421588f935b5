namespace NetTeam.Device.Linux;

/// <summary>
/// Every live team is disposed, its ports restored, when the process exits normally, on SIGTERM (which
/// .NET turns into ProcessExit) and on an unhandled exception: a port is never left half-configured,
/// whichever host (netteamd, a test's holder process) created the team.
/// </summary>
internal static class ProcessExitRestore
{
    private static readonly List<TeamDevice> s_live = [];
    private static bool s_hooked;

    public static void Track(TeamDevice team)
    {
        lock (s_live)
        {
            s_live.Add(team);
            if (!s_hooked)
            {
                s_hooked = true;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAll();
                AppDomain.CurrentDomain.UnhandledException += (_, _) => DisposeAll();
            }
        }
    }

    public static void Untrack(TeamDevice team)
    {
        lock (s_live)
        {
            s_live.Remove(team);
        }
    }

    private static void DisposeAll()
    {
        TeamDevice[] teams;
        lock (s_live)
        {
            teams = [.. s_live];
        }
        foreach (TeamDevice team in teams)
        {
            team.Dispose();
        }
    }
}
