using System.Net.Sockets;
using System.Text;
using NetTeam.Control.Protocol;
using NetTeam.Control.Server;
using NetTeam.Daemon;
using NetTeam.Interop;

namespace NetTeam.Fuzz.Targets;

/// <summary>
/// The control socket's framing as a client meets it (src/NetTeam.Control/Server): one datagram in, exactly
/// one reply out that the client's parser reads, the connection kept; a request the server hands to the
/// daemon carries the arguments that encode back to the same request.
/// </summary>
public sealed class UsockServerTarget : FuzzTarget
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(5);

    private readonly EchoHandler _handler = new();
    private Socket? _client;
    private CancellationTokenSource? _stop;
    private Task? _served;

    public override string Name => "usock-server";

    public override string Description => "usock datagrams through UsockServer.ServeAsync on a socketpair: one parsable reply each, arguments intact";

    public override IReadOnlyList<byte[]> Tokens { get; } = Words(
        [UsockCodec.Request, "\n", "\\", "\\n", "\\\\", "\xff", .. ControlMethods.ArgCounts.Keys]);

    public override string Run(ReadOnlySpan<byte> input)
    {
        if (input.Length == 0)
        {
            // A zero-length datagram reads as the peer's end of file (recv returns 0), as in teamd: not a request.
            return "empty";
        }
        Socket client = Connect();
        _handler.Last = null;
        client.Send(input);
        byte[] buffer = new byte[256 * 1024];
        int n;
        try
        {
            n = client.Receive(buffer);
        }
        catch (SocketException ex)
        {
            Reset();
            throw new ContractViolation($"no reply within {s_replyTimeout.TotalSeconds} s ({ex.SocketErrorCode})");
        }
        if (n == 0)
        {
            Reset();
            throw new ContractViolation("the server closed the connection instead of replying");
        }
        ControlReply? reply = UsockCodec.TryParseReply(Encoding.UTF8.GetString(buffer, 0, n));
        ContractViolation.That(reply is not null, "the reply does not parse");
        if (_handler.Last is (string method, string[] args))
        {
            ContractViolation.Equal(EchoHandler.Echo(args), reply!.Payload, "the reply to a handled request");
            UsockCodec.ParseResult again = UsockCodec.TryParseRequest(Encoding.UTF8.GetString(UsockCodec.EncodeRequest(method, args)), _handler.Methods, out string m2, out string[] a2);
            ContractViolation.That(again == UsockCodec.ParseResult.Ok && m2 == method && a2.SequenceEqual(args), "the handled request does not encode back to itself");
            return "handled:" + method;
        }
        ContractViolation.That(reply!.Error is not null, "a success reply without the handler");
        return "refused:" + reply.Error!.Code;
    }

    private Socket Connect()
    {
        if (_client is not null)
        {
            return _client;
        }
        (Socket server, Socket client) = UnixSocketPair.Create(SocketType.Seqpacket);
        client.ReceiveTimeout = (int)s_replyTimeout.TotalMilliseconds;
        _stop = new CancellationTokenSource();
        _served = UsockServer.ServeAsync(server, _handler, null, _stop.Token);
        _client = client;
        return client;
    }

    private void Reset()
    {
        _stop?.Cancel();
        _client?.Dispose();
        _served?.Wait(s_replyTimeout);
        _stop?.Dispose();
        _client = null;
        _stop = null;
        _served = null;
    }

    protected override void Dispose(bool disposing) => Reset();

    /// <summary>Answers every request with its arguments, escaped, one per line: what the server got is in the reply.</summary>
    private sealed class EchoHandler : IControlHandler
    {
        public IReadOnlyDictionary<string, int> Methods => ControlMethods.ArgCounts;

        public (string Method, string[] Args)? Last { get; set; }

        public static string Echo(string[] args) => string.Join('\n', args.Select(UsockCodec.Escape));

        public Task<ControlReply> HandleAsync(string method, string[] args, CancellationToken cancellationToken)
        {
            Last = (method, args);
            return Task.FromResult(ControlReply.Success(Echo(args)));
        }
    }
}
