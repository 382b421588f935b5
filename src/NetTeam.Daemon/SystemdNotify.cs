using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace NetTeam.Daemon;

/// <summary>
/// sd_notify(3) for Type=notify units (NOTIFY_SOCKET): READY=1 with a STATUS line once the team carries
/// traffic, and WATCHDOG=1 keep-alives when the unit has WatchdogSec (WATCHDOG_USEC, for this process when
/// WATCHDOG_PID names it). Nothing happens outside systemd.
/// </summary>
internal static class SystemdNotify
{
    public static void Ready(string status) => Send($"READY=1\nSTATUS={status}\nMAINPID={Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}");

    public static void Watchdog() => Send("WATCHDOG=1");

    /// <summary>How often systemd wants a keep-alive: half of WATCHDOG_USEC, or null without a watchdog.</summary>
    public static TimeSpan? WatchdogInterval()
    {
        if (!long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out long usec) || usec <= 0)
        {
            return null;
        }
        string? pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }
        return TimeSpan.FromMicroseconds(usec / 2.0);
    }

    private static void Send(string message)
    {
        string? path = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }
        if (path[0] == '@')
        {
            path = "\0" + path[1..];
        }
        try
        {
            using Socket s = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            s.SendTo(Encoding.ASCII.GetBytes(message), new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            // systemd went away (a stop in progress); nothing to tell.
        }
    }
}
