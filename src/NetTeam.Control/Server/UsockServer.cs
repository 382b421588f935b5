using System.Net.Sockets;
using NetTeam.Control.Protocol;

namespace NetTeam.Control.Server;

/// <summary>
/// teamd's control socket: AF_UNIX SOCK_SEQPACKET at /var/run/teamd/DEV.sock, mode 0700, backlog 10, one
/// request and one reply per datagram, several requests per connection (libteam teamd/teamd_usock.c).
/// Malformed input never stops it. Unlike teamd, which stays silent, garbage and unknown methods get a
/// BadRequest reply and an oversize datagram RequestTooLarge, so a client learns at once what was wrong.
/// </summary>
public sealed class UsockServer : IAsyncDisposable
{
    public const string DefaultDirectory = "/var/run/teamd";

    /// <summary>The largest request accepted (teamd sizes its buffer to the datagram; NetTeam caps it).</summary>
    public const int MaxRequestBytes = 1024 * 1024;

    /// <summary>
    /// Connections served at once. teamd has no limit and fails once its descriptors run out (RLIMIT_NOFILE,
    /// 1024 by default), which also stops it opening ports' sockets; NetTeam answers the one beyond the limit
    /// with TooManyConnections and closes it, and keeps its descriptors for the team.
    /// </summary>
    public const int MaxConnections = 1024;

    /// <summary>
    /// How long a connection may stay without a request before the server closes it. teamdctl (libteamdctl's
    /// usock client) connects, sends at once and closes after the reply, so it never comes near this; without
    /// it, a client that connects and never sends holds a descriptor and a buffer for ever. A Monitor stream
    /// is not idle: it has made its request.
    /// </summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(10);

    private readonly IControlHandler _handler;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly Action<string>? _log;
    private readonly int _maxConnections;
    private readonly TimeSpan _idleTimeout;
    private int _connections;

    private UsockServer(string path, Socket listener, IControlHandler handler, Action<string>? log, int maxConnections, TimeSpan idleTimeout)
    {
        Path = path;
        _maxConnections = maxConnections;
        _idleTimeout = idleTimeout;
        _listener = listener;
        _handler = handler;
        _log = log;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string Path { get; }

    /// <param name="maxConnections">Connections served at once (<see cref="MaxConnections"/> unless a test asks for fewer).</param>
    /// <param name="idleTimeout">How long a connection may wait without a request (<see cref="IdleTimeout"/> by default).</param>
    public static UsockServer Start(string path, IControlHandler handler, Action<string>? log = null, int maxConnections = MaxConnections, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        // A stale socket from a dead daemon is removed, as teamd does (the pid file guards live ones).
        File.Delete(path);
        Socket listener = new(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            // Root only (teamd fchmods its socket to 0700).
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            listener.Listen(10);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return new UsockServer(path, listener, handler, log, maxConnections, idleTimeout ?? IdleTimeout);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (Interlocked.Increment(ref _connections) > _maxConnections)
            {
                Interlocked.Decrement(ref _connections);
                Refuse(client);
                continue;
            }
            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client, _handler, _log, _stop.Token, _idleTimeout).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _connections);
                }
            });
        }
    }

    /// <summary>A connection beyond the limit gets one error datagram and is closed; a client that cannot take it (full buffer, gone) just sees the close.</summary>
    private void Refuse(Socket client)
    {
        _log?.Invoke($"usock: refused a connection ({_maxConnections} open, the limit)");
        using (client)
        {
            try
            {
                client.Blocking = false;
                client.Send(UsockCodec.EncodeReply(ControlReply.Fail(ControlError.TooManyConnections)));
            }
            catch (SocketException)
            {
            }
        }
    }

    /// <summary>
    /// Serves one connected SOCK_SEQPACKET socket (from accept(2), or one end of a socketpair(2)) as the control
    /// socket serves its clients, until the peer closes it, a stream ends or <paramref name="cancellationToken"/>
    /// is cancelled, or it waits <paramref name="idleTimeout"/> (<see cref="IdleTimeout"/> by default) without a
    /// request. The socket is the server's from then on: it is closed when serving ends.
    /// </summary>
    public static async Task ServeAsync(Socket connection, IControlHandler handler, Action<string>? log = null, CancellationToken cancellationToken = default, TimeSpan? idleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(handler);
        using UsockConnection served = new(connection, handler, log, cancellationToken, idleTimeout ?? IdleTimeout);
        await served.ServeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        File.Delete(Path);
        _stop.Dispose();
    }
}
