using NetTeam.Control.Client;

namespace NetTeam.Daemon;

/// <summary>
/// A daemon of the same team that is still in the pid file when this one starts: one that is dying (killed,
/// not reaped yet) is waited for, bounded; a live one is asked to hand the team over when this one was
/// started with -o (an upgrade, a systemd restart), and waited for.
/// </summary>
internal static class Predecessor
{
    private static readonly TimeSpan s_dying = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_handover = TimeSpan.FromSeconds(15);

    /// <summary>True when the predecessor is gone (or going) and this daemon may start.</summary>
    public static bool Leave(int pid, string team, bool takeOver)
    {
        if (!takeOver || !AskHandover(pid, team))
        {
            // Not asked to take over, or nobody answers: a predecessor that is dying gets a moment to.
            return PidFile.WaitGone(pid, s_dying);
        }
        return PidFile.WaitGone(pid, s_handover);
    }

    private static bool AskHandover(int pid, string team)
    {
        try
        {
            using TeamdClient client = TeamdClient.Connect(team);
            return client.Call(Control.Protocol.ControlMethodNames.Handover).IsSuccess;
        }
        catch (Exception ex) when (ex is ControlException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"netteamd: the daemon on PID {pid} did not answer the handover: {ex.Message}");
            return false;
        }
    }
}
