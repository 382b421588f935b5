using System.Diagnostics;
using System.Globalization;
using NetTeam.Interop;

namespace NetTeam.Daemon;

/// <summary>teamd's pid file (/var/run/teamd/DEV.pid): one instance per team, -k and -e find it.</summary>
internal sealed class PidFile : IDisposable
{
    private readonly string _path;

    private PidFile(string path) => _path = path;

    public static PidFile Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        return new PidFile(path);
    }

    /// <summary>The pid of a live process named in the file, or null (a stale file counts as not running).</summary>
    public static int? Running(string path)
    {
        try
        {
            if (!int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == Environment.ProcessId)
            {
                return null;
            }
            return ProcessLiveness.IsRunning(pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits, bounded, until process <paramref name="pid"/> is gone or a zombie (one that is exiting gets the
    /// time to). The process itself, not its pid file: a daemon removes that file before it has let go of its
    /// ports and its team.
    /// </summary>
    public static bool WaitGone(int pid, TimeSpan timeout)
    {
        Stopwatch sw = Stopwatch.StartNew();
        while (ProcessLiveness.IsRunning(pid))
        {
            if (sw.Elapsed > timeout)
            {
                return false;
            }
            Thread.Sleep(20);
        }
        return true;
    }

    /// <summary>-k: SIGTERM to the instance in the pid file, then wait for it to exit.</summary>
    public static bool Kill(string path, TimeSpan timeout)
    {
        if (Running(path) is not int pid)
        {
            return false;
        }
        using Process p = Process.GetProcessById(pid);
        if (!ProcessSignal.Terminate(pid).IsSuccess)
        {
            return false;
        }
        return p.WaitForExit(timeout);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }
}
