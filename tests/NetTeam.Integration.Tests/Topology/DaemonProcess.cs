using System.Diagnostics;
using System.Globalization;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>A netteamd started by a test inside a namespace, stopped by pid (SIGTERM) on Dispose.</summary>
internal sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;

    private DaemonProcess(Process process, string output, string team)
    {
        _process = process;
        Output = output;
        Team = team;
    }

    public string Output { get; }

    public string Team { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Log => File.Exists(Output) ? File.ReadAllText(Output) : string.Empty;

    /// <summary>Runs netteamd with <paramref name="args"/> in <paramref name="ns"/>; output goes to a file.</summary>
    public static DaemonProcess Start(TestNamespace ns, string team, string workDir, params string[] args) =>
        StartWith(ns, team, workDir, null, args);

    /// <summary>As <see cref="Start"/>, with extra environment variables for netteamd.</summary>
    public static DaemonProcess StartWith(TestNamespace ns, string team, string workDir, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        StartCommand(ns, team, workDir, environment, ["dotnet", Path.Combine(AppContext.BaseDirectory, "netteamd.dll")], args);

    /// <summary>As <see cref="StartWith"/>, with netteamd run by <paramref name="wrapper"/> (setpriv dropping capabilities, say).</summary>
    public static DaemonProcess StartUnder(string[] wrapper, TestNamespace ns, string team, string workDir, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        StartCommand(ns, team, workDir, environment, [.. wrapper, "dotnet", Path.Combine(AppContext.BaseDirectory, "netteamd.dll")], args);

    /// <summary>As <see cref="Start"/>, with a netteamd executable of its own (an installed, AOT-compiled one).</summary>
    public static DaemonProcess StartExecutable(TestNamespace ns, string team, string workDir, string netteamd, params string[] args) =>
        StartCommand(ns, team, workDir, null, [netteamd], args);

    private static DaemonProcess StartCommand(TestNamespace ns, string team, string workDir, IReadOnlyDictionary<string, string>? environment, string[] command, string[] args)
    {
        string output = Path.Combine(workDir, $"netteamd-{Guid.NewGuid():N}.log");
        // nsenter --net, not ip netns exec: the daemon must see the host's /sys/fs/bpf, where a pinned eBPF plane
        // outlives it (ip netns exec mounts a sysfs of its own over /sys, and a bpffs mounted under it dies with it).
        ProcessStartInfo psi = new("sh") { ArgumentList = { "-c", "exec nsenter --net=/run/netns/\"$0\" \"$@\" > " + output + " 2>&1", ns.Name } };
        foreach (string a in (string[])[.. command, .. args])
        {
            psi.ArgumentList.Add(a);
        }
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }
        return new DaemonProcess(Process.Start(psi)!, output, team);
    }

    /// <summary>Runs netteamd to completion (for refusals and -k/-e); returns its exit code and output.</summary>
    public static (int Code, string Output) RunToEnd(TestNamespace ns, params string[] args) => RunUnder([], ns, args);

    /// <summary>As <see cref="RunToEnd"/>, with netteamd run by <paramref name="wrapper"/>.</summary>
    public static (int Code, string Output) RunUnder(string[] wrapper, TestNamespace ns, params string[] args)
    {
        // As Start: in the namespace's network only, so the host's bpffs (a pinned plane) stays in view.
        string dll = Path.Combine(AppContext.BaseDirectory, "netteamd.dll");
        var r = Cmd.Try("nsenter", [$"--net=/run/netns/{ns.Name}", .. wrapper, "dotnet", dll, .. args]);
        return (r.Code, r.Stdout + r.Stderr);
    }

    /// <summary>Waits until this daemon (not a predecessor still holding the socket) answers on the control socket.</summary>
    public bool WaitReady(TestNamespace ns, TimeSpan timeout) =>
        TeamTopology.WaitFor(() => _process.HasExited || Teamdctl(ns, "state", "item", "get", "setup.pid").Stdout.Trim() == _process.Id.ToString(CultureInfo.InvariantCulture), timeout) && !_process.HasExited;

    public (int Code, string Stdout, string Stderr) Teamdctl(TestNamespace ns, params string[] args) => ns.TryExec(["teamdctl", Team, .. args]);

    /// <summary>NetTeam's own CLI, with options before the team as teamnl takes them.</summary>
    public (int Code, string Stdout, string Stderr) Netteamctl(TestNamespace ns, params string[] args) =>
        ns.TryExec(["dotnet", Path.Combine(AppContext.BaseDirectory, "netteamctl.dll"), .. args]);

    public bool Stop(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            Cmd.Try("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        }
        return _process.WaitForExit(timeout);
    }

    /// <summary>Waits for the daemon to end by itself (after a handover).</summary>
    public bool WaitExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Kill9()
    {
        // The daemon runs as a child of sh -c exec ... so this pid is the dotnet process itself.
        Cmd.Try("kill", "-KILL", _process.Id.ToString(CultureInfo.InvariantCulture));
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!Stop(TimeSpan.FromSeconds(15)))
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        // The log served the assertions' messages; the test leaves no file behind.
        File.Delete(Output);
    }
}
