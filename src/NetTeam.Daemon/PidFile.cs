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
            using Process p = Process.GetProcessById(pid);
            return p.HasExited || IsZombie(pid) ? null : pid;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// A process killed (kill -9) but not yet reaped by its parent is a zombie (proc(5): state Z, X when
    /// dead): it runs nothing and holds nothing, so it does not count as a running daemon.
    /// </summary>
    private static bool IsZombie(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            int end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Waits, bounded, until no live process is named in the file (one that is exiting gets the time to).</summary>
    public static bool WaitGone(string path, TimeSpan timeout)
    {
        Stopwatch sw = Stopwatch.StartNew();
        while (Running(path) is not null)
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
