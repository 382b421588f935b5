using System.Globalization;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>
/// A terminal for a full-screen program: one tmux session on a tmux server of the test's own (<c>tmux -L
/// ntt-RANDOM</c>, so no other tmux on the machine is touched), killed with whatever runs in it on Dispose.
/// The pane stays when its program exits, so the test can read its last screen and its exit status.
/// </summary>
internal sealed class TmuxSession : IDisposable
{
    private const string Target = "main";

    private readonly string _statusFile;
    private string? _socketPath;

    private TmuxSession(string socket)
    {
        Socket = socket;
        _statusFile = Path.Combine(Path.GetTempPath(), socket + ".status");
    }

    public string Socket { get; }

    /// <summary>Runs <paramref name="command"/> (a shell command line) in a detached session of the given size.</summary>
    public static TmuxSession Start(string command, int width = 160, int height = 40)
    {
        TmuxSession session = new("ntt-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // -f /dev/null: none of the machine's tmux configuration. After the program, its exit status goes to a
            // file and the pane's shell stays, so the last screen stays as the program left it until the server is
            // killed. (With remain-on-exit instead, tmux 3.3 sometimes loses a dead pane's status and its last lines.)
            session.Tmux("-f", "/dev/null", "new-session", "-d", "-x", width.ToString(CultureInfo.InvariantCulture), "-y", height.ToString(CultureInfo.InvariantCulture),
                "-s", Target, $"{command}; echo $? > {session._statusFile}; exec sleep infinity");
            session._socketPath = session.Tmux("display-message", "-p", "#{socket_path}").Trim();
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The pane's screen as text, one line per row.</summary>
    public string Capture() => Tmux("capture-pane", "-p", "-t", Target);

    /// <summary>Types keys into the pane (tmux key names: "q", "Tab", "C-c").</summary>
    public void SendKeys(params string[] keys) => Tmux(["send-keys", "-t", Target, .. keys]);

    /// <summary>The exit status of the pane's program once it has ended, else null.</summary>
    public int? ExitStatus() =>
        File.Exists(_statusFile) && int.TryParse(File.ReadAllText(_statusFile).Trim(), CultureInfo.InvariantCulture, out int status) ? status : null;

    /// <summary>Polls the screen until <paramref name="condition"/> holds or the deadline passes; the last screen either way.</summary>
    public (bool Ok, string Screen) WaitForScreen(Func<string, bool> condition, TimeSpan timeout)
    {
        // Every 50 ms: each look is a tmux client process, and the screen changes at most once a second anyway.
        DateTime end = DateTime.UtcNow + timeout;
        while (true)
        {
            string screen = Capture();
            if (condition(screen) || DateTime.UtcNow >= end)
            {
                return (condition(screen), screen);
            }
            Thread.Sleep(50);
        }
    }

    public void Dispose()
    {
        Cmd.Try("tmux", "-L", Socket, "kill-server");
        // tmux 3.3 leaves the socket file of a killed server behind.
        if (_socketPath is { Length: > 0 })
        {
            File.Delete(_socketPath);
        }
        File.Delete(_statusFile);
    }

    private string Tmux(params string[] args) => Cmd.Run("tmux", ["-L", Socket, .. args]);
}
