using System.Net.Sockets;
using System.Text;
using NetTeam.Control.Protocol;

namespace NetTeam.Control.Client;

/// <summary>
/// NetTeam's libteamdctl: a usock client for netteamd (and teamd), with typed calls. Errors from the daemon
/// come back as <see cref="ControlReply.Error"/>; a dead or missing daemon throws <see cref="ControlException"/>.
/// </summary>
public sealed class TeamdClient : IDisposable
{
    /// <summary>teamdctl's reply timeout (TEAMDCTL_REPLY_TIMEOUT).</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromMilliseconds(5000);

    private readonly Socket _socket;

    private TeamdClient(Socket socket) => _socket = socket;

    public static string SocketPath(string teamName, string directory = Server.UsockServer.DefaultDirectory) =>
        Path.Combine(directory, teamName + ".sock");

    public static TeamdClient Connect(string teamName, string directory = Server.UsockServer.DefaultDirectory)
    {
        Socket socket = new(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath(teamName, directory)));
            return new TeamdClient(socket);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            string why = ex.SocketErrorCode switch
            {
                SocketError.AccessDenied => "permission denied (the control socket is root-only)",
                SocketError.ConnectionRefused or SocketError.AddressNotAvailable => "no daemon is listening",
                _ => ex.Message,
            };
            throw new ControlException($"Cannot connect to the daemon of \"{teamName}\": {why}.", ex);
        }
    }

    public ControlReply Call(string method, params string[] args)
    {
        _socket.Send(UsockCodec.EncodeRequest(method, args));
        if (!_socket.Poll(ReplyTimeout, SelectMode.SelectRead))
        {
            throw new ControlException($"No reply to {method} within {ReplyTimeout.TotalSeconds:F0} s.");
        }
        int size = Math.Max(_socket.Available, 1);
        byte[] buffer = new byte[Math.Max(size, 64 * 1024)];
        int n = _socket.Receive(buffer);
        if (n == 0)
        {
            throw new ControlException($"The daemon closed the connection during {method}.");
        }
        return UsockCodec.TryParseReply(Encoding.UTF8.GetString(buffer, 0, n))
            ?? throw new ControlException($"Malformed reply to {method}.");
    }

    public ControlReply ConfigDump() => Call("ConfigDump");

    public ControlReply ConfigDumpActual() => Call("ConfigDumpActual");

    public ControlReply StateDump() => Call("StateDump");

    public ControlReply StateItemGet(string path) => Call("StateItemValueGet", path);

    public ControlReply StateItemSet(string path, string value) => Call("StateItemValueSet", path, value);

    public ControlReply PortAdd(string port) => Call("PortAdd", port);

    public ControlReply PortRemove(string port) => Call("PortRemove", port);

    public ControlReply PortConfigUpdate(string port, string json) => Call("PortConfigUpdate", port, json);

    public ControlReply PortConfigDump(string port) => Call("PortConfigDump", port);

    public void Dispose() => _socket.Dispose();
}
