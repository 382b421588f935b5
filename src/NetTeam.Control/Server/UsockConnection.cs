using System.Buffers;
using System.Net.Sockets;
using System.Text;
using NetTeam.Control.Protocol;

namespace NetTeam.Control.Server;

/// <summary>
/// One client of the control socket: datagrams in, one reply per request out, until the client closes, a
/// stream ends or the server stops. The connection's one token source is cancelled when the client goes
/// during a stream, and is what the handler's stream and calls run under; no request allocates another.
/// </summary>
internal sealed class UsockConnection : IDisposable
{
    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);

    private readonly Socket _socket;
    private readonly IControlHandler _handler;
    private readonly Action<string>? _log;
    private readonly CancellationTokenSource _gone;
    private readonly TimeSpan _idleTimeout;

    // Cancelled by the idle timeout or with _gone; made again only when the timeout fired just as a request came.
    private CancellationTokenSource _idle;

    // Only for the peek that waits for a datagram: an idle connection holds no buffer for a request.
    private readonly byte[] _peek = new byte[1];

    public UsockConnection(Socket socket, IControlHandler handler, Action<string>? log, CancellationToken stop, TimeSpan idleTimeout)
    {
        _socket = socket;
        _handler = handler;
        _log = log;
        _idleTimeout = idleTimeout;
        _gone = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _idle = CancellationTokenSource.CreateLinkedTokenSource(_gone.Token);
    }

    private enum Receipt
    {
        /// <summary>The client closed its end, or the server stops.</summary>
        Ended,

        /// <summary>A datagram too large to take; RequestTooLarge has been sent.</summary>
        Refused,

        Request,
    }

    public async Task ServeAsync()
    {
        while (!_gone.IsCancellationRequested)
        {
            (Receipt receipt, string? message) = await ReceiveAsync().ConfigureAwait(false);
            if (receipt == Receipt.Ended || (receipt == Receipt.Request && !await AnswerAsync(message).ConfigureAwait(false)))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Takes the next datagram whole, as text (null when it is not UTF-8); peeks first so a large one is seen at
    /// its full size (SIOCINQ in teamd), and reads it into a pooled buffer that goes back at once.
    /// </summary>
    private async Task<(Receipt, string?)> ReceiveAsync()
    {
        try
        {
            int n = await WaitForRequestAsync().ConfigureAwait(false);
            if (n == 0)
            {
                return (Receipt.Ended, null);
            }
            int available = _socket.Available;
            if (available > UsockServer.MaxRequestBytes)
            {
                await _socket.ReceiveAsync(new byte[1], SocketFlags.None, _gone.Token).ConfigureAwait(false);
                // Logged before the reply, so that whoever reads the reply finds the reason in the log.
                _log?.Invoke($"usock: refused a {available}-byte request (limit {UsockServer.MaxRequestBytes})");
                await SendAsync(ControlReply.Fail(ControlError.RequestTooLarge)).ConfigureAwait(false);
                return (Receipt.Refused, null);
            }
            byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(available, 1));
            try
            {
                n = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, _gone.Token).ConfigureAwait(false);
                return n == 0 ? (Receipt.Ended, null) : (Receipt.Request, Decode(buffer.AsSpan(0, n)));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            return (Receipt.Ended, null);
        }
    }

    private static string? Decode(ReadOnlySpan<byte> datagram)
    {
        try
        {
            return s_strictUtf8.GetString(datagram);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>
    /// Peeks at the next datagram, for at most the idle timeout (0 when it passed: the connection ends). What
    /// comes after the peek runs under _gone alone, so a request that arrived is always answered.
    /// </summary>
    private async Task<int> WaitForRequestAsync()
    {
        if (_idle.IsCancellationRequested)
        {
            _idle.Dispose();
            _idle = CancellationTokenSource.CreateLinkedTokenSource(_gone.Token);
        }
        _idle.CancelAfter(_idleTimeout);
        try
        {
            int n = await _socket.ReceiveAsync(_peek.AsMemory(), SocketFlags.Peek, _idle.Token).ConfigureAwait(false);
            _idle.TryReset();
            return n;
        }
        catch (OperationCanceledException) when (!_gone.IsCancellationRequested)
        {
            _log?.Invoke($"usock: closed a connection that sent no request for {_idleTimeout.TotalSeconds:F0} s");
            return 0;
        }
    }

    /// <summary>Answers one datagram; false when the connection is done (a stream ended, or the client is gone).</summary>
    private async Task<bool> AnswerAsync(string? message)
    {
        if (message is null)
        {
            await SendAsync(ControlReply.Fail(ControlError.BadRequest)).ConfigureAwait(false);
            return true;
        }
        switch (UsockCodec.TryParseRequest(message, _handler.Methods, out string method, out string[] args))
        {
            case UsockCodec.ParseResult.Ignore:
                _log?.Invoke("usock: a message that is not a request for a known method");
                await SendAsync(ControlReply.Fail(ControlError.BadRequest)).ConfigureAwait(false);
                return true;
            case UsockCodec.ParseResult.InvalidArgs:
                _log?.Invoke("usock: Insufficient number of arguments in message.");
                return await SendAsync(ControlReply.Fail(ControlError.InvalidArgs)).ConfigureAwait(false);
        }
        if (_handler.OpenStream(method, _gone.Token) is IAsyncEnumerable<string> events)
        {
            await StreamAsync(events).ConfigureAwait(false);
            return false;
        }
        ControlReply reply;
        try
        {
            reply = await _handler.HandleAsync(method, args, _gone.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return await SendAsync(reply).ConfigureAwait(false);
    }

    /// <summary>
    /// A stream: the success reply, then one EVENT datagram per event, until the client closes its end (a
    /// receive returns 0) or the server stops. The connection carries nothing else afterwards.
    /// </summary>
    private async Task StreamAsync(IAsyncEnumerable<string> events)
    {
        if (!await SendAsync(ControlReply.Success()).ConfigureAwait(false))
        {
            return;
        }
        Task watch = WatchForCloseAsync();
        try
        {
            await foreach (string e in events.WithCancellation(_gone.Token).ConfigureAwait(false))
            {
                await _socket.SendAsync(UsockCodec.EncodeEvent(e), SocketFlags.None, _gone.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        await _gone.CancelAsync().ConfigureAwait(false);
        await watch.ConfigureAwait(false);
    }

    /// <summary>Reads (and drops) what the client sends during a stream; its close cancels the stream.</summary>
    private async Task WatchForCloseAsync()
    {
        byte[] one = new byte[1];
        try
        {
            while (await _socket.ReceiveAsync(one, SocketFlags.None, _gone.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        await _gone.CancelAsync().ConfigureAwait(false);
    }

    private async Task<bool> SendAsync(ControlReply reply)
    {
        try
        {
            await _socket.SendAsync(UsockCodec.EncodeReply(reply), SocketFlags.None, _gone.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _idle.Dispose();
        _gone.Dispose();
    }
}
