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

    private readonly IControlHandler _handler;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly Action<string>? _log;

    private UsockServer(string path, Socket listener, IControlHandler handler, Action<string>? log)
    {
        Path = path;
        _listener = listener;
        _handler = handler;
        _log = log;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string Path { get; }

    public static UsockServer Start(string path, IControlHandler handler, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(path);
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
        return new UsockServer(path, listener, handler, log);
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
            _ = Task.Run(() => ServeAsync(client, _handler, _log, _stop.Token));
        }
    }

    /// <summary>
    /// Serves one connected SOCK_SEQPACKET socket (from accept(2), or one end of a socketpair(2)) as the control
    /// socket serves its clients, until the peer closes it, a stream ends or <paramref name="cancellationToken"/>
    /// is cancelled. The socket is the server's from then on: it is closed when serving ends.
    /// </summary>
    public static async Task ServeAsync(Socket connection, IControlHandler handler, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(handler);
        using UsockConnection served = new(connection, handler, log, cancellationToken);
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
