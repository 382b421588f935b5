using System.Net;
using System.Net.Sockets;
using System.Text;
using NetTeam.Control.Metrics;

namespace NetTeam.Control.Tests.Metrics;

/// <summary>The metrics endpoint on the loopback: GET /metrics answers the text with Prometheus' content type; anything else 404.</summary>
public class MetricsHttpServerTests
{
    private const string Body = "# HELP netteam_x X.\n# TYPE netteam_x gauge\nnetteam_x 1\n";

    private static async Task<string> RequestAsync(IPEndPoint server, string request)
    {
        using Socket s = new(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await s.ConnectAsync(server);
        await s.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None);
        using MemoryStream response = new();
        byte[] buffer = new byte[4096];
        using CancellationTokenSource deadline = new(TimeSpan.FromSeconds(10));
        int n;
        while ((n = await s.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
        {
            response.Write(buffer, 0, n);
        }
        return Encoding.UTF8.GetString(response.ToArray());
    }

    [Fact]
    public async Task GetMetricsAnswersTheTextWithTheFormatsContentType()
    {
        int scrapes = 0;
        await using MetricsHttpServer server = MetricsHttpServer.Start(new IPEndPoint(IPAddress.Loopback, 0), _ =>
        {
            Interlocked.Increment(ref scrapes);
            return Task.FromResult(Body);
        });
        string response = await RequestAsync(server.Endpoint, "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: text/plain\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: text/plain; version=0.0.4\r\n", response, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Length: {Body.Length}\r\n", response, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n" + Body, response, StringComparison.Ordinal);
        // A query string (Prometheus' params) is not part of the path.
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", await RequestAsync(server.Endpoint, "GET /metrics?name[]=x HTTP/1.0\r\n\r\n"), StringComparison.Ordinal);
        Assert.Equal(2, scrapes);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n\r\n")]
    [InlineData("GET /metricsx HTTP/1.1\r\n\r\n")]
    [InlineData("GET /metrics/ HTTP/1.1\r\n\r\n")]
    [InlineData("POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("DELETE /metrics HTTP/1.1\r\n\r\n")]
    [InlineData("garbage\r\n\r\n")]
    public async Task AnythingElseIs404AndScrapesNothing(string request)
    {
        int scrapes = 0;
        await using MetricsHttpServer server = MetricsHttpServer.Start(new IPEndPoint(IPAddress.Loopback, 0), _ =>
        {
            Interlocked.Increment(ref scrapes);
            return Task.FromResult(Body);
        });
        Assert.StartsWith("HTTP/1.1 404 Not Found\r\n", await RequestAsync(server.Endpoint, request), StringComparison.Ordinal);
        Assert.Equal(0, scrapes);
    }

    [Fact]
    public async Task AnIpv6AddressIsBoundAloneAndHeadHasNoBody()
    {
        await using MetricsHttpServer server = MetricsHttpServer.Start(new IPEndPoint(IPAddress.IPv6Loopback, 0), _ => Task.FromResult(Body));
        Assert.Equal(AddressFamily.InterNetworkV6, server.Endpoint.AddressFamily);
        string head = await RequestAsync(server.Endpoint, "HEAD /metrics HTTP/1.1\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", head, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", head, StringComparison.Ordinal);
        // [::1] is not 127.0.0.1: nothing listens on the IPv4 loopback at that port.
        using Socket v4 = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        SocketException refused = await Assert.ThrowsAsync<SocketException>(() => v4.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Endpoint.Port)));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task AClientThatSendsNothingIsDroppedAfterTheRequestTimeoutWhileOthersAreServed()
    {
        await using MetricsHttpServer server = MetricsHttpServer.Start(new IPEndPoint(IPAddress.Loopback, 0), _ => Task.FromResult(Body));
        using Socket silent = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await silent.ConnectAsync(server.Endpoint);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", await RequestAsync(server.Endpoint, "GET /metrics HTTP/1.1\r\n\r\n"), StringComparison.Ordinal);
        using CancellationTokenSource deadline = new(MetricsHttpServer.RequestTimeout + TimeSpan.FromSeconds(10));
        Assert.Equal(0, await silent.ReceiveAsync(new byte[16], SocketFlags.None, deadline.Token));
    }
}
