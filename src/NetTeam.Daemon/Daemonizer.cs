using System.Diagnostics;

namespace NetTeam.Daemon;

/// <summary>
/// -d: .NET cannot fork, so the daemon starts itself again without -d, detached, and returns once the child
/// has written its pid file (ready) or has failed, as teamd's parent returns after libdaemon's handshake.
/// </summary>
internal static class Daemonizer
{
    public const string ChildVariable = "NETTEAMD_DAEMONIZED";

    public static int Run(string[] args, string pidFile)
    {
        string self = Environment.ProcessPath!;
        ProcessStartInfo psi = new("setsid") { RedirectStandardInput = true, RedirectStandardOutput = false, RedirectStandardError = false, UseShellExecute = false };
        psi.ArgumentList.Add(self);
        if (!Path.GetFileNameWithoutExtension(self).Equals("netteamd", StringComparison.Ordinal))
        {
            // Running as "dotnet netteamd.dll" (the JIT build; the AOT one is the netteamd executable itself).
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "netteamd.dll"));
        }
        foreach (string a in args)
        {
            if (a is "-d" or "--daemonize")
            {
                continue;
            }
            // A bundle of value-less short flags such as -dg loses its d; anything else passes unchanged.
            bool flagBundle = a.Length > 2 && a[0] == '-' && a[1] != '-' && a[1..].All(c => "hdkevgroNnDUu".Contains(c, StringComparison.Ordinal));
            psi.ArgumentList.Add(flagBundle ? a.Replace("d", string.Empty, StringComparison.Ordinal) : a);
        }
        psi.Environment[ChildVariable] = "1";
        using Process child = Process.Start(psi)!;
        DateTime end = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < end)
        {
            if (PidFile.Running(pidFile) is not null)
            {
                return 0;
            }
            if (child.HasExited)
            {
                return child.ExitCode == 0 ? 1 : child.ExitCode;
            }
            Thread.Sleep(20);
        }
        return 1;
    }
}
