using System.Globalization;

namespace NetTeam.Interop;

/// <summary>
/// Whether another process is still running, read from /proc (proc(5)): a process killed but not yet reaped by
/// its parent is a zombie (state Z, or X when dead) and runs nothing, holds no lock and serves no team, so it
/// counts as gone. kill(pid, 0) and .NET's Process.HasExited both still see a zombie as alive.
/// </summary>
public static class ProcessLiveness
{
    public static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            int end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
