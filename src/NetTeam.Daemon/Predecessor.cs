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
    public static bool Leave(int pid, string team, string pidFile, bool takeOver)
    {
        if (PidFile.WaitGone(pidFile, s_dying))
        {
            return true;
        }
        if (!takeOver)
        {
            return false;
        }
        try
        {
            using TeamdClient client = TeamdClient.Connect(team);
            if (!client.Call(Control.Protocol.ControlMethodNames.Handover).IsSuccess)
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is ControlException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"netteamd: the daemon on PID {pid} did not answer the handover: {ex.Message}");
            return false;
        }
        return PidFile.WaitGone(pidFile, s_handover);
    }
}
