using System.Net.Sockets;
using System.Text;

namespace NetTeam.Daemon;

/// <summary>sd_notify(3) READY=1 when started by systemd with Type=notify (NOTIFY_SOCKET).</summary>
internal static class SystemdNotify
{
    public static void Ready()
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
        using Socket s = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        s.SendTo(Encoding.ASCII.GetBytes("READY=1\nMAINPID=" + Environment.ProcessId), new UnixDomainSocketEndPoint(path));
    }
}
