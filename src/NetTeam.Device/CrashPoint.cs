namespace NetTeam.Device;

/// <summary>
/// Places where a test makes netteamd die as kill -9 would, in the middle of an operation
/// (NETTEAM_CRASH_AT=port-add, mode-change or publish): the next start must recover a consistent team or
/// restore the ports. Environment.FailFast ends the process at once, running no cleanup, as a crash does.
/// NETTEAM_THROW_AT=port-link-down instead throws an ordinary exception, a bug, in work posted to the control
/// loop: its Fatal handler must restore every port and end netteamd with its exit code.
/// </summary>
internal static class CrashPoint
{
    private static readonly string? s_armed = Environment.GetEnvironmentVariable("NETTEAM_CRASH_AT");
    private static readonly string? s_throwArmed = Environment.GetEnvironmentVariable("NETTEAM_THROW_AT");

    public static void Hit(string name)
    {
        if (s_armed == name)
        {
            Environment.FailFast($"NetTeam crash point \"{name}\" (NETTEAM_CRASH_AT)");
        }
    }

    public static void Throw(string name)
    {
        if (s_throwArmed == name)
        {
            throw new InvalidOperationException($"NetTeam fault point \"{name}\" (NETTEAM_THROW_AT)");
        }
    }
}
