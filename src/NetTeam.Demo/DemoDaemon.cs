using System.Diagnostics;
using System.Globalization;

namespace NetTeam.Demo;

/// <summary>netteamd started by the demo in the team namespace, stopped by its pid.</summary>
internal sealed class DemoDaemon : IDisposable
{
    private readonly Process _process;
    private readonly string _ns;
    private readonly string _team;

    private DemoDaemon(Process process, string ns, string team)
    {
        _process = process;
        _ns = ns;
        _team = team;
    }

    public int Pid => _process.Id;

    public static DemoDaemon Start(string ns, string team, string config)
    {
        ProcessStartInfo psi = new("ip") { RedirectStandardOutput = false, RedirectStandardError = false };
        foreach (string a in new[] { "netns", "exec", ns, "dotnet", Path.Combine(AppContext.BaseDirectory, "netteamd.dll"), "-c", config })
        {
            psi.ArgumentList.Add(a);
        }
        DemoDaemon d = new(Process.Start(psi)!, ns, team);
        DateTime end = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < end)
        {
            if (d._process.HasExited)
            {
                throw new InvalidOperationException($"netteamd exited with {d._process.ExitCode}");
            }
            if (d.TryNetteamctl(out _, "state", "item", "get", "setup.pid"))
            {
                return d;
            }
            Thread.Sleep(50);
        }
        d.Dispose();
        throw new InvalidOperationException("netteamd did not become ready within 30 s");
    }

    public string Netteamctl(params string[] args) =>
        TryNetteamctl(out string output, args) ? output : throw new InvalidOperationException("netteamctl failed: " + output);

    public bool WaitActivePort(string port, TimeSpan timeout)
    {
        DateTime end = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < end)
        {
            if (TryNetteamctl(out string active, "state", "item", "get", "runner.active_port") && active.Trim() == port)
            {
                return true;
            }
            Thread.Sleep(5);
        }
        return false;
    }

    private bool TryNetteamctl(out string output, params string[] args)
    {
        ProcessStartInfo psi = new("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "netns", "exec", _ns, "dotnet", Path.Combine(AppContext.BaseDirectory, "netteamctl.dll"), _team })
        {
            psi.ArgumentList.Add(a);
        }
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        output = p.ExitCode == 0 ? stdout : stderr;
        return p.ExitCode == 0;
    }

    public void Stop()
    {
        if (_process.HasExited)
        {
            return;
        }
        // ip netns exec execs the daemon, so this pid is netteamd's own.
        using Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        if (!_process.WaitForExit(15_000))
        {
            _process.Kill();
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }
}
