using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetTeam.Control.Metrics;

/// <summary>
/// The metrics endpoint: a minimal HTTP/1.1 server on one address and port that answers <c>GET /metrics</c>
/// (a query string is ignored, as Prometheus' own handlers do) with the exposition text, and anything else with
/// 404. One request per connection (<c>Connection: close</c>), which Prometheus' scraper accepts. It costs
/// nothing at idle: an accept waits in the runtime's socket engine (epoll), with no timer or polling; a
/// connection gets <see cref="RequestTimeout"/> to send its request head.
/// </summary>
public sealed class MetricsHttpServer : IAsyncDisposable
{
    /// <summary>How long a client may take to send its request head (bounded, so a stuck client holds nothing).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private const int MaxRequestHead = 8 * 1024;

    private readonly Socket _listener;
    private readonly Func<CancellationToken, Task<string>> _scrape;
    private readonly Action<string>? _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    private MetricsHttpServer(Socket listener, Func<CancellationToken, Task<string>> scrape, Action<string>? log)
    {
        _listener = listener;
        _scrape = scrape;
        _log = log;
        Endpoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Where it listens (with the port the kernel chose, when asked for port 0).</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>
    /// Listens on exactly <paramref name="endpoint"/>: an IPv6 address binds IPv6 only (IPV6_V6ONLY), so
    /// <c>[::]</c> does not take IPv4 too. <paramref name="scrape"/> makes the text for each GET /metrics.
    /// Throws <see cref="SocketException"/> when the address cannot be bound.
    /// </summary>
    public static MetricsHttpServer Start(IPEndPoint endpoint, Func<CancellationToken, Task<string>> scrape, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(scrape);
        Socket listener = new(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                listener.DualMode = false;
            }
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endpoint);
            listener.Listen(16);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return new MetricsHttpServer(listener, scrape, log);
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
            try
            {
                using CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                deadline.CancelAfter(RequestTimeout);
                string? head = await ReadHeadAsync(client, deadline.Token).ConfigureAwait(false);
                if (head is null)
                {
                    return;
                }
                (string method, string target) = ParseRequestLine(head);
                byte[] response = await RespondAsync(method, target, _stop.Token).ConfigureAwait(false);
                await client.SendAsync(response, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                _log?.Invoke($"metrics: a connection ended early: {ex.Message}");
            }
        }
    }

    /// <summary>Reads up to the blank line that ends the request head; null when the client sent none (closed, or too large).</summary>
    private static async Task<string?> ReadHeadAsync(Socket client, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[MaxRequestHead];
        int length = 0;
        while (length < buffer.Length)
        {
            int n = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return null;
            }
            length += n;
            string text = Encoding.ASCII.GetString(buffer, 0, length);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal) || text.Contains("\n\n", StringComparison.Ordinal))
            {
                return text;
            }
        }
        return null;
    }

    /// <summary>The method and the path (without a query) of "GET /metrics?x HTTP/1.1"; empty strings for a malformed line.</summary>
    internal static (string Method, string Path) ParseRequestLine(string head)
    {
        ArgumentNullException.ThrowIfNull(head);
        string line = head.Split('\n', 2)[0].TrimEnd('\r');
        string[] parts = line.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            return (string.Empty, string.Empty);
        }
        int query = parts[1].IndexOf('?', StringComparison.Ordinal);
        return (parts[0], query < 0 ? parts[1] : parts[1][..query]);
    }

    private async Task<byte[]> RespondAsync(string method, string path, CancellationToken cancellationToken)
    {
        if (path != "/metrics" || method is not ("GET" or "HEAD"))
        {
            return Response("404 Not Found", "text/plain; charset=utf-8", "Not found: the metrics are at GET /metrics.\n", withBody: true);
        }
        string text = await _scrape(cancellationToken).ConfigureAwait(false);
        return Response("200 OK", ExpositionWriter.ContentType, text, withBody: method == "GET");
    }

    internal static byte[] Response(string status, string contentType, string body, bool withBody)
    {
        byte[] content = Encoding.UTF8.GetBytes(body);
        string head = $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n";
        byte[] headBytes = Encoding.ASCII.GetBytes(head);
        return withBody ? [.. headBytes, .. content] : headBytes;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
