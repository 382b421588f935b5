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

    /// <summary>
    /// A client over a connected SOCK_SEQPACKET socket: one that <see cref="Connect"/> opened, or one end of a
    /// socketpair(2) whose other end a server serves. The client owns the socket and closes it when disposed.
    /// </summary>
    public TeamdClient(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.SocketType != SocketType.Seqpacket)
        {
            // teamd's protocol is one message per datagram; a stream socket would run requests together.
            throw new ArgumentException($"The control socket must be SOCK_SEQPACKET, not {socket.SocketType}.", nameof(socket));
        }
        _socket = socket;
    }

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
        int n;
        byte[] buffer;
        try
        {
            _socket.Send(UsockCodec.EncodeRequest(method, args));
            if (!_socket.Poll(ReplyTimeout, SelectMode.SelectRead))
            {
                throw new ControlException($"No reply to {method} within {ReplyTimeout.TotalSeconds:F0} s.");
            }
            buffer = new byte[Math.Max(_socket.Available, 64 * 1024)];
            n = _socket.Receive(buffer);
        }
        catch (SocketException ex)
        {
            // A daemon that ended leaves a socket whose send fails (EPIPE) or whose receive is reset: for a
            // caller that is the same as a closed connection, not a bug.
            throw new ControlException($"The daemon closed the connection during {method}: {ex.Message}.", ex);
        }
        if (n == 0)
        {
            throw new ControlException($"The daemon closed the connection during {method}.");
        }
        return UsockCodec.TryParseReply(Encoding.UTF8.GetString(buffer, 0, n))
            ?? throw new ControlException($"Malformed reply to {method}.");
    }

    public ControlReply ConfigDump() => Call(ControlMethodNames.ConfigDump);

    public ControlReply ConfigDumpActual() => Call(ControlMethodNames.ConfigDumpActual);

    public ControlReply StateDump() => Call(ControlMethodNames.StateDump);

    public ControlReply StateItemGet(string path) => Call(ControlMethodNames.StateItemValueGet, path);

    public ControlReply StateItemSet(string path, string value) => Call(ControlMethodNames.StateItemValueSet, path, value);

    public ControlReply PortAdd(string port) => Call(ControlMethodNames.PortAdd, port);

    public ControlReply PortRemove(string port) => Call(ControlMethodNames.PortRemove, port);

    public ControlReply PortConfigUpdate(string port, string json) => Call(ControlMethodNames.PortConfigUpdate, port, json);

    public ControlReply PortConfigDump(string port) => Call(ControlMethodNames.PortConfigDump, port);

    /// <summary>The state dump (teamdctl state dump) as a JSON object; throws <see cref="ControlException"/> when the daemon refuses.</summary>
    public System.Text.Json.Nodes.JsonObject GetStateDump() => Object(ControlMethodNames.StateDump);

    /// <summary>The team's ports (teamnl ports); throws <see cref="ControlException"/> when the daemon refuses.</summary>
    public IReadOnlyList<TeamPortStatus> GetPorts() => List(ControlMethodNames.PortList, TeamnlJson.ReadPorts);

    /// <summary>Every option instance (teamnl options).</summary>
    public IReadOnlyList<TeamOptionStatus> GetOptions() => List(ControlMethodNames.OptionsGet, TeamnlJson.ReadOptions);

    /// <summary>The data plane's counters of the team and each port (NetTeam's Statistics), as the daemon's JSON object.</summary>
    public System.Text.Json.Nodes.JsonObject GetStatistics() => Object(ControlMethodNames.Statistics);

    /// <summary>The daemon's metrics in Prometheus' text format (NetTeam's Metrics); throws <see cref="ControlException"/> when the daemon refuses.</summary>
    public string GetMetrics()
    {
        ControlReply reply = Call(ControlMethodNames.Metrics);
        return reply.IsSuccess
            ? reply.Payload ?? string.Empty
            : throw new ControlException($"{ControlMethodNames.Metrics} failed: {reply.Error!.Code}: {reply.Error.Message}");
    }

    /// <summary>Sets an option from teamnl's text form; the port and array index address an instance (teamnl setoption).</summary>
    public ControlReply SetOption(string name, string value, string? port = null, int? arrayIndex = null) =>
        Call(ControlMethodNames.OptionSet, name, value, port ?? "-", arrayIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");

    /// <summary>
    /// The team's change events, as they happen (NetTeam's Monitor stream), until <paramref name="cancellationToken"/>
    /// is cancelled or the daemon goes; this connection is used for nothing else afterwards.
    /// </summary>
    public IEnumerable<TeamMonitorEvent> Monitor(CancellationToken cancellationToken)
    {
        ControlReply first = Call(ControlMethodNames.Monitor);
        if (!first.IsSuccess)
        {
            throw new ControlException($"The daemon refused to monitor: {first.Error!.Code}: {first.Error.Message}");
        }
        byte[] buffer = new byte[1 << 20];
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!_socket.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead))
            {
                continue;
            }
            int n = _socket.Receive(buffer);
            if (n == 0)
            {
                yield break;
            }
            if (UsockCodec.TryParseEvent(Encoding.UTF8.GetString(buffer, 0, n)) is string payload && ReadEvent(payload) is TeamMonitorEvent e)
            {
                yield return e;
            }
        }
    }

    private static System.Text.Json.Nodes.JsonNode Json(ControlReply reply, string method)
    {
        if (!reply.IsSuccess)
        {
            throw new ControlException($"{method} failed: {reply.Error!.Code}: {reply.Error.Message}");
        }
        try
        {
            return StrictJson.Parse(reply.Payload!) ?? throw new ControlException($"Empty reply to {method}.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ControlException($"The reply to {method} is not JSON.", ex);
        }
    }

    // The daemon's replies are outside input to the client: a reply of another shape is a ControlException, as a
    // malformed one is, never an exception from System.Text.Json (found by fuzz/NetTeam.Fuzz, target usock-client).
    private System.Text.Json.Nodes.JsonObject Object(string method) =>
        Json(Call(method), method) as System.Text.Json.Nodes.JsonObject ?? throw new ControlException($"The reply to {method} is not a JSON object.");

    private List<T> List<T>(string method, Func<System.Text.Json.Nodes.JsonArray, List<T>> read)
    {
        System.Text.Json.Nodes.JsonArray array = Json(Call(method), method) as System.Text.Json.Nodes.JsonArray
            ?? throw new ControlException($"The reply to {method} is not a JSON array.");
        try
        {
            return read(array);
        }
        catch (FormatException ex)
        {
            throw new ControlException($"The reply to {method} is malformed: {ex.Message}.", ex);
        }
    }

    private static TeamMonitorEvent? ReadEvent(string payload)
    {
        try
        {
            return TeamnlJson.ReadEvent(payload);
        }
        catch (FormatException ex)
        {
            throw new ControlException($"A malformed {ControlMethodNames.Monitor} event: {ex.Message}.", ex);
        }
    }

    public void Dispose() => _socket.Dispose();
}
