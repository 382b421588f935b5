using System.Diagnostics;
using NetTeam.Device;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Options;

namespace NetTeam.Bench;

/// <summary>
/// Two namespaces of the bench's own (ntb-...): a direct veth pair between them, and a two-port team in A
/// whose ports face veths in B (the first peer carries the peer address). Private addresses, used only
/// inside these namespaces; everything is deleted on Dispose, also after Ctrl-C.
/// </summary>
internal sealed class BenchTopology : IDisposable
{
    public const string DirectPeer = "10.213.9.2";
    public const string TeamPeer = "10.213.10.2";
    private bool _built;
    private bool _disposed;

    public BenchTopology()
    {
        string suffix = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 3)).ToLowerInvariant();
        A = $"ntb-{suffix}-a";
        B = $"ntb-{suffix}-b";
        Ports = [$"pa0-{suffix}", $"pa1-{suffix}"];
        Peers = [$"pb0-{suffix}", $"pb1-{suffix}"];
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public string A { get; }

    public string B { get; }

    public string[] Ports { get; }

    public string[] Peers { get; }

    public void Build()
    {
        Run("ip", "netns", "add", A);
        Run("ip", "netns", "add", B);
        _built = true;
        foreach (string ns in new[] { A, B })
        {
            Run("ip", "-n", ns, "link", "set", "lo", "up");
        }
        Run("ip", "-n", A, "link", "add", "da", "type", "veth", "peer", "name", "db", "netns", B);
        Run("ip", "-n", A, "addr", "add", "10.213.9.1/24", "dev", "da");
        Run("ip", "-n", B, "addr", "add", DirectPeer + "/24", "dev", "db");
        Run("ip", "-n", A, "link", "set", "da", "up");
        Run("ip", "-n", B, "link", "set", "db", "up");
        for (int i = 0; i < 2; i++)
        {
            Run("ip", "-n", A, "link", "add", Ports[i], "type", "veth", "peer", "name", Peers[i], "netns", B);
            Run("ip", "-n", B, "link", "set", Peers[i], "up");
        }
        Run("ip", "-n", B, "addr", "add", TeamPeer + "/24", "dev", Peers[0]);
    }

    /// <summary>The team under test on <paramref name="plane"/>: activebackup over both ports, the first active.</summary>
    public IDisposable StartTeam(DataPlaneKind plane)
    {
        TeamDevice team = TeamDevice.Create(new TeamCreateOptions { Name = "team0", Mode = "activebackup", NetworkNamespace = A, Up = true, DataPlane = plane });
        foreach (string port in Ports)
        {
            team.AddPort(port);
            team.SetPortAddress(port, team.Address);
        }
        team.SetOption("activeport", OptionValue.FromU32((uint)team.GetPort(Ports[0])!.IfIndex));
        Run("ip", "-n", A, "addr", "add", "10.213.10.1/24", "dev", "team0");
        return team;
    }

    public static string Kernel() => File.ReadAllText("/proc/sys/kernel/osrelease").Trim();

    public static string Run(string file, params string[] args)
    {
        ProcessStartInfo psi = new(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish");
        }
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result.Trim()} {stdout.Result.Trim()}");
        }
        return stdout.Result;
    }

    /// <summary>
    /// Stops a netteamd the bench started, by its pid: SIGTERM (a clean stop restores its ports), then a kill after
    /// <paramref name="grace"/>. False when it had to be killed.
    /// </summary>
    public static bool Terminate(Process daemon, TimeSpan grace)
    {
        if (daemon.HasExited)
        {
            return true;
        }
        TryRun("kill", "-TERM", daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (daemon.WaitForExit(grace))
        {
            return true;
        }
        daemon.Kill();
        return false;
    }

    /// <summary>As <see cref="Run"/>, but a failure is returned, not thrown: true when the command succeeded.</summary>
    public static bool TryRun(string file, params string[] args)
    {
        try
        {
            Run(file, args);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_disposed || !_built)
        {
            return;
        }
        _disposed = true;
        foreach (string ns in new[] { A, B })
        {
            try
            {
                Run("ip", "netns", "del", ns);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
