using System.Net.Sockets;
using System.Text;
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
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            byte[] buffer = new byte[64 * 1024];
            while (!_stop.IsCancellationRequested)
            {
                int n;
                try
                {
                    // Peek first so a datagram larger than the buffer is seen whole (SIOCINQ in teamd).
                    n = await client.ReceiveAsync(buffer.AsMemory(), SocketFlags.Peek, _stop.Token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return;
                    }
                    int available = client.Available;
                    if (available > MaxRequestBytes)
                    {
                        await client.ReceiveAsync(new byte[1], SocketFlags.None, _stop.Token).ConfigureAwait(false);
                        await SendAsync(client, ControlReply.Fail(ControlError.RequestTooLarge)).ConfigureAwait(false);
                        _log?.Invoke($"usock: refused a {available}-byte request (limit {MaxRequestBytes})");
                        continue;
                    }
                    if (available > buffer.Length)
                    {
                        buffer = new byte[available];
                    }
                    n = await client.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                if (n == 0)
                {
                    return;
                }
                string message;
                try
                {
                    message = new UTF8Encoding(false, true).GetString(buffer, 0, n);
                }
                catch (DecoderFallbackException)
                {
                    await SendAsync(client, ControlReply.Fail(ControlError.BadRequest)).ConfigureAwait(false);
                    continue;
                }
                UsockCodec.ParseResult parsed = UsockCodec.TryParseRequest(message, _handler.Methods, out string method, out string[] args);
                if (parsed == UsockCodec.ParseResult.Ignore)
                {
                    _log?.Invoke("usock: a message that is not a request for a known method");
                    await SendAsync(client, ControlReply.Fail(ControlError.BadRequest)).ConfigureAwait(false);
                    continue;
                }
                ControlReply reply;
                if (parsed == UsockCodec.ParseResult.InvalidArgs)
                {
                    _log?.Invoke("usock: Insufficient number of arguments in message.");
                    reply = ControlReply.Fail(ControlError.InvalidArgs);
                }
                else if (_handler.Methods.ContainsKey(method) && StreamOf(method) is (IAsyncEnumerable<string> events, CancellationTokenSource gone))
                {
                    using (gone)
                    {
                        await StreamAsync(client, events, gone).ConfigureAwait(false);
                    }
                    return;
                }
                else
                {
                    try
                    {
                        reply = await _handler.HandleAsync(method, args, _stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
                if (!await SendAsync(client, reply).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// A stream: the success reply, then one EVENT datagram per event, until the client closes its end (a
    /// receive returns 0) or the server stops. The connection carries nothing else afterwards.
    /// </summary>
    private (IAsyncEnumerable<string>, CancellationTokenSource)? StreamOf(string method)
    {
        CancellationTokenSource gone = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        if (_handler.OpenStream(method, gone.Token) is IAsyncEnumerable<string> events)
        {
            return (events, gone);
        }
        gone.Dispose();
        return null;
    }

    private async Task StreamAsync(Socket client, IAsyncEnumerable<string> events, CancellationTokenSource gone)
    {
        if (!await SendAsync(client, ControlReply.Success()).ConfigureAwait(false))
        {
            return;
        }
        Task watch = Task.Run(async () =>
        {
            byte[] one = new byte[1];
            try
            {
                while (await client.ReceiveAsync(one, SocketFlags.None, gone.Token).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
            await gone.CancelAsync().ConfigureAwait(false);
        });
        try
        {
            await foreach (string e in events.WithCancellation(gone.Token).ConfigureAwait(false))
            {
                await client.SendAsync(UsockCodec.EncodeEvent(e), SocketFlags.None, gone.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        await gone.CancelAsync().ConfigureAwait(false);
        await watch.ConfigureAwait(false);
    }

    private async Task<bool> SendAsync(Socket client, ControlReply reply)
    {
        try
        {
            await client.SendAsync(UsockCodec.EncodeReply(reply), SocketFlags.None, _stop.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
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
