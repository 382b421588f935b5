using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using NetTeam.Control.Protocol;

namespace NetTeam.Integration.Tests.Load;

/// <summary>
/// One client of the load test: request after request over one connection (reconnecting now and then), each
/// reply checked against its request, latencies and mistakes recorded. Raw usock, so the test sees every
/// datagram the server sends.
/// </summary>
internal sealed class UsockLoadClient(string path, string team, string[] ports, UsockLoadStats stats)
{
    /// <summary>How long a reply may take before it counts as lost (the assertion is on the far smaller maximum).</summary>
    private static readonly TimeSpan s_lostAfter = TimeSpan.FromSeconds(5);

    private readonly byte[] _buffer = new byte[256 * 1024];

    public static Socket Connect(string path)
    {
        Socket s = new(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        try
        {
            s.Connect(new UnixDomainSocketEndPoint(path));
            return s;
        }
        catch
        {
            s.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Until <paramref name="end"/>: a connection with 32 requests (state dump, active port set, port list,
    /// config dump, in turn), then a Monitor subscription on a connection of its own, then again; so accept,
    /// close and streams are part of the load, and a client never holds more than one connection.
    /// </summary>
    public async Task RunAsync(int seed, DateTime end)
    {
        try
        {
            await RunCoreAsync(seed, end).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            stats.Fail($"client {seed}: {ex.SocketErrorCode}: {ex.Message}");
        }
    }

    private async Task RunCoreAsync(int seed, DateTime end)
    {
        int step = seed;
        while (DateTime.UtcNow < end)
        {
            using (Socket s = Connect(path))
            {
                for (int i = 0; i < 32 && DateTime.UtcNow < end; i++, step++)
                {
                    (string method, string[] args, Func<string, bool> matches) = Request(step);
                    if (!await CallAsync(s, method, args, matches).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                // Nothing more may come: a second reply to any request would be here by now.
                if (s.Poll(TimeSpan.FromMilliseconds(1), SelectMode.SelectRead) && s.Available > 0)
                {
                    stats.Fail($"an unasked-for datagram: {Read(s)}");
                }
            }
            if (DateTime.UtcNow < end)
            {
                await MonitorAsync().ConfigureAwait(false);
            }
        }
    }

    private (string, string[], Func<string, bool>) Request(int step) => (step % 4) switch
    {
        0 => (ControlMethodNames.StateDump, [], r => r.StartsWith(UsockCodec.ReplySuccess + "\n{", StringComparison.Ordinal) && r.Contains("\"team_device\"", StringComparison.Ordinal)),
        1 => (ControlMethodNames.StateItemValueSet, ["runner.active_port", ports[step / 4 % ports.Length]], r => r == UsockCodec.ReplySuccess + "\n"),
        2 => (ControlMethodNames.PortList, [], r => r.StartsWith(UsockCodec.ReplySuccess + "\n[", StringComparison.Ordinal) && ports.All(p => r.Contains($"\"ifname\":\"{p}\"", StringComparison.Ordinal))),
        _ => (ControlMethodNames.ConfigDump, [], r => r.StartsWith(UsockCodec.ReplySuccess + "\n{", StringComparison.Ordinal) && r.Contains($"\"device\": \"{team}\"", StringComparison.Ordinal)),
    };

    /// <summary>One request and its one reply; false when the reply is missing or wrong (recorded).</summary>
    private async Task<bool> CallAsync(Socket s, string method, string[] args, Func<string, bool> matches)
    {
        Stopwatch sw = Stopwatch.StartNew();
        stats.Sent();
        await s.SendAsync(UsockCodec.EncodeRequest(method, args), SocketFlags.None).ConfigureAwait(false);
        string? reply = await ReceiveAsync(s).ConfigureAwait(false);
        stats.Record(method, sw.Elapsed);
        if (reply is null)
        {
            stats.Fail($"{method}: no reply within {s_lostAfter.TotalSeconds} s");
            return false;
        }
        if (!matches(reply))
        {
            stats.Fail($"{method}: a reply that is not its own: {reply[..Math.Min(reply.Length, 200)]}");
            return false;
        }
        return true;
    }

    /// <summary>A Monitor subscription on a connection of its own: the success reply, a little of the stream, then the client goes.</summary>
    private async Task MonitorAsync()
    {
        using Socket s = Connect(path);
        Stopwatch sw = Stopwatch.StartNew();
        stats.Sent();
        await s.SendAsync(UsockCodec.EncodeRequest(ControlMethodNames.Monitor), SocketFlags.None).ConfigureAwait(false);
        string? reply = await ReceiveAsync(s).ConfigureAwait(false);
        stats.Record(ControlMethodNames.Monitor, sw.Elapsed);
        if (reply != UsockCodec.ReplySuccess + "\n" && reply != UsockCodec.ReplySuccess)
        {
            stats.Fail($"Monitor: {(reply is null ? "no reply" : "a reply that is not its own: " + reply[..Math.Min(reply.Length, 200)])}");
            return;
        }
        // Events come as the other clients move the active port; whatever arrives in 20 ms must be events.
        using CancellationTokenSource cts = new(TimeSpan.FromMilliseconds(20));
        try
        {
            while (true)
            {
                int n = await s.ReceiveAsync(_buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
                if (n == 0 || UsockCodec.TryParseEvent(Encoding.UTF8.GetString(_buffer, 0, n)) is null)
                {
                    stats.Fail(n == 0 ? "Monitor: the server closed the stream" : "Monitor: a datagram on the stream that is not an event");
                    return;
                }
                stats.Event();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<string?> ReceiveAsync(Socket s)
    {
        using CancellationTokenSource cts = new(s_lostAfter);
        try
        {
            int n = await s.ReceiveAsync(_buffer, SocketFlags.None, cts.Token).ConfigureAwait(false);
            if (n > 0)
            {
                stats.Replied();
            }
            return n == 0 ? null : Encoding.UTF8.GetString(_buffer, 0, n);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private string Read(Socket s)
    {
        int n = s.Receive(_buffer);
        return Encoding.UTF8.GetString(_buffer, 0, Math.Min(n, 200));
    }
}
