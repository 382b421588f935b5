using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using NetTeam.Control.Protocol;
using NetTeam.Control.Server;

namespace NetTeam.Integration.Tests.Load;

/// <summary>The clients that do it wrong: connect and never send, send half a request, go in the middle of a reply.</summary>
internal static class UsockMisbehavingClient
{
    /// <summary>Connects and sends nothing; the server must close the connection after its idle timeout, not hold it.</summary>
    public static async Task<int> SilentAsync(string path, DateTime end, UsockLoadStats stats)
    {
        int closed = 0;
        byte[] buffer = new byte[4096];
        while (DateTime.UtcNow < end)
        {
            using Socket s = UsockLoadClient.Connect(path);
            Stopwatch sw = Stopwatch.StartNew();
            using CancellationTokenSource cts = new(UsockServer.IdleTimeout + TimeSpan.FromSeconds(5));
            try
            {
                int n = await s.ReceiveAsync(buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
                if (n != 0)
                {
                    stats.Fail($"a silent client got a datagram: {Encoding.UTF8.GetString(buffer, 0, n)}");
                    return closed;
                }
                if (sw.Elapsed < UsockServer.IdleTimeout - TimeSpan.FromSeconds(1))
                {
                    stats.Fail($"a silent client was closed after {sw.Elapsed.TotalSeconds:F1} s, before the idle timeout");
                }
                closed++;
            }
            catch (OperationCanceledException)
            {
                stats.Fail($"a silent client was still connected after {sw.Elapsed.TotalSeconds:F0} s");
                return closed;
            }
        }
        return closed;
    }

    /// <summary>Datagrams cut short (a request's first bytes): each gets exactly one error reply, and the connection goes on.</summary>
    public static async Task HalfRequestsAsync(string path, DateTime end, UsockLoadStats stats)
    {
        byte[] whole = UsockCodec.EncodeRequest(ControlMethodNames.StateItemValueSet, "runner.active_port", "x");
        byte[] buffer = new byte[4096];
        Random random = new(7);
        while (DateTime.UtcNow < end)
        {
            using Socket s = UsockLoadClient.Connect(path);
            for (int i = 0; i < 20; i++)
            {
                int cut = random.Next(1, whole.Length - 3);
                stats.Sent();
                Stopwatch sw = Stopwatch.StartNew();
                await s.SendAsync(whole.AsMemory(0, cut), SocketFlags.None).ConfigureAwait(false);
                using CancellationTokenSource cts = new(TimeSpan.FromSeconds(5));
                int n = await s.ReceiveAsync(buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
                stats.Record("half request", sw.Elapsed);
                string reply = Encoding.UTF8.GetString(buffer, 0, n);
                if (!reply.StartsWith(UsockCodec.ReplyError + "\nBadRequest\n", StringComparison.Ordinal) && !reply.StartsWith(UsockCodec.ReplyError + "\nInvalidArgs\n", StringComparison.Ordinal))
                {
                    stats.Fail($"half a request ({cut} bytes) was answered \"{reply}\"");
                    return;
                }
                stats.Replied();
                // Paced as the clients that go mid-reply: answered off the control loop, as fast as it can such a
                // client would take a core of its own and measure the machine, not the server.
                await Task.Delay(1).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends requests with large replies and closes before reading them, or after reading the first of several.</summary>
    public static async Task GoneMidReplyAsync(string path, DateTime end, UsockLoadStats stats)
    {
        byte[] dump = UsockCodec.EncodeRequest(ControlMethodNames.StateDump);
        byte[] buffer = new byte[256];
        int round = 0;
        while (DateTime.UtcNow < end)
        {
            using Socket s = UsockLoadClient.Connect(path);
            for (int i = 0; i < 1 + (round % 4); i++)
            {
                await s.SendAsync(dump, SocketFlags.None).ConfigureAwait(false);
            }
            if (round++ % 2 == 1)
            {
                // Reads a piece of the first reply (the rest of the datagram is discarded) and goes.
                using CancellationTokenSource cts = new(TimeSpan.FromSeconds(5));
                try
                {
                    await s.ReceiveAsync(buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    stats.Fail("no reply to a state dump of a client that goes mid-reply");
                }
            }
            // Paced: a client that goes as fast as it can leaves a connection per round waiting for the control
            // loop (its first request is still served), and would measure the loop, not the socket.
            await Task.Delay(10).ConfigureAwait(false);
        }
    }
}
