using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using NetTeam.Control.Protocol;
using NetTeam.Control.Server;

namespace NetTeam.Control.Tests;

/// <summary>The server's own limits: a connection that never sends is closed, and one beyond the limit is refused in words.</summary>
public class ConnectionLimitTests
{
    private static string SocketPath() => Path.Combine(Path.GetTempPath(), $"ntc-{Guid.NewGuid():N}", "t.sock");

    private static Socket Connect(string path)
    {
        Socket s = new(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        s.Connect(new UnixDomainSocketEndPoint(path));
        return s;
    }

    private static async Task<string?> ReceiveAsync(Socket s, TimeSpan timeout)
    {
        byte[] buffer = new byte[64 * 1024];
        using CancellationTokenSource cts = new(timeout);
        int n = await s.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        return n == 0 ? null : Encoding.UTF8.GetString(buffer, 0, n);
    }

    [Fact]
    public async Task AConnectionThatNeverSendsIsClosedAfterTheIdleTimeout()
    {
        string path = SocketPath();
        List<string> log = [];
        await using (UsockServer server = UsockServer.Start(path, new FakeControlHandler(), m => { lock (log) { log.Add(m); } }, idleTimeout: TimeSpan.FromMilliseconds(300)))
        {
            using Socket idle = Connect(path);
            Stopwatch sw = Stopwatch.StartNew();
            Assert.Null(await ReceiveAsync(idle, TimeSpan.FromSeconds(10)));
            Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));

            // One that sends keeps its connection across requests slower than nothing but faster than the timeout.
            using Socket busy = Connect(path);
            for (int i = 0; i < 3; i++)
            {
                busy.Send(UsockCodec.EncodeRequest(ControlMethodNames.StateDump));
                Assert.StartsWith(UsockCodec.ReplySuccess, await ReceiveAsync(busy, TimeSpan.FromSeconds(5)));
                await Task.Delay(100);
            }
        }
        lock (log)
        {
            Assert.Contains("usock: closed a connection that sent no request for 0 s", log);
        }
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public async Task AConnectionBeyondTheLimitIsRefusedWithTooManyConnectionsAndTheOthersGoOn()
    {
        string path = SocketPath();
        await using (UsockServer server = UsockServer.Start(path, new FakeControlHandler(), maxConnections: 2))
        {
            using Socket first = Connect(path);
            using Socket second = Connect(path);
            // The accept loop has counted both once each has been served a request.
            foreach (Socket s in (Socket[])[first, second])
            {
                s.Send(UsockCodec.EncodeRequest(ControlMethodNames.ConfigDump));
                Assert.StartsWith(UsockCodec.ReplySuccess, await ReceiveAsync(s, TimeSpan.FromSeconds(5)));
            }
            using (Socket third = Connect(path))
            {
                Assert.Equal("REPLY_ERROR\nTooManyConnections\nToo many control connections open; try again later.\n", await ReceiveAsync(third, TimeSpan.FromSeconds(5)));
                Assert.Null(await ReceiveAsync(third, TimeSpan.FromSeconds(5)));
            }
            first.Send(UsockCodec.EncodeRequest(ControlMethodNames.StateDump));
            Assert.StartsWith(UsockCodec.ReplySuccess, await ReceiveAsync(first, TimeSpan.FromSeconds(5)));

            // A closed connection frees its place.
            second.Dispose();
            Assert.True(SpinWait.SpinUntil(() =>
            {
                using Socket again = Connect(path);
                try
                {
                    again.Send(UsockCodec.EncodeRequest(ControlMethodNames.ConfigDump));
                    return ReceiveAsync(again, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult() is string r && r.StartsWith(UsockCodec.ReplySuccess, StringComparison.Ordinal);
                }
                catch (SocketException)
                {
                    // The server has not seen the close yet and refused this one as over the limit: try again.
                    return false;
                }
            }, TimeSpan.FromSeconds(5)));
        }
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
