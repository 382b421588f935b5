using NetTeam.Device;
using NetTeam.Interop;

namespace NetTeam.Demo;

/// <summary>
/// `netteam-demo hold --netns NS --team NAME --mode MODE --ports A,B [--crash-after-ms N]`: builds a team
/// and keeps it until SIGTERM or SIGINT (or crashes on purpose with an unhandled exception), so tests can
/// check that a process that ends in any of these ways restores its ports.
/// </summary>
internal static class HoldCommand
{
    public static int Run(string[] args)
    {
        string? Arg(string name)
        {
            int i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        string ns = Arg("--netns") ?? throw new ArgumentException("--netns is required");
        string teamName = Arg("--team") ?? "team0";
        string mode = Arg("--mode") ?? "roundrobin";
        string[] ports = (Arg("--ports") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
        string? crash = Arg("--crash-after-ms");

        TeamCreateOptions options = new()
        {
            Name = teamName,
            Mode = mode,
            NetworkNamespace = ns,
            Up = true,
            Mtu = int.TryParse(Arg("--mtu"), out int mtu) ? mtu : null,
        };
        if (Arg("--lock-dir") is string lockDir)
        {
            options = options with { LockDirectory = lockDir };
        }
        TeamDevice team = TeamDevice.Create(options);
        foreach (string port in ports)
        {
            team.AddPort(port);
        }
        using ShutdownSignal stop = ShutdownSignal.Register();
        // Only now may a signal come: the handlers are in place.
        Console.WriteLine("ready");
        if (crash is not null)
        {
            Thread crasher = new(() =>
            {
                Thread.Sleep(int.Parse(crash, System.Globalization.CultureInfo.InvariantCulture));
                throw new InvalidOperationException("deliberate crash (hold --crash-after-ms)");
            });
            crasher.Start();
        }
        stop.Wait();
        team.Dispose();
        Console.WriteLine("stopped");
        return 0;
    }
}
