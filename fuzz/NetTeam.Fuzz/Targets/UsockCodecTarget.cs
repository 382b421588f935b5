using System.Text;
using NetTeam.Control.Protocol;
using NetTeam.Daemon;

namespace NetTeam.Fuzz.Targets;

/// <summary>
/// The usock codec (src/NetTeam.Control/Protocol/UsockCodec) on one message: requests against netteamd's
/// method table, replies as the client splits them, and the escaping of arguments, each with its round trip.
/// </summary>
public sealed class UsockCodecTarget : FuzzTarget
{
    public override string Name => "usock-codec";

    public override string Description => "usock requests, replies and argument escapes: no exception, encode(parse(x)) parses to the same";

    public override IReadOnlyList<byte[]> Tokens { get; } = Words(
        [UsockCodec.Request, UsockCodec.ReplySuccess, UsockCodec.ReplyError, UsockCodec.Event, "\n", "\\", "\\n", "\\\\", .. ControlMethods.ArgCounts.Keys]);

    public override string Run(ReadOnlySpan<byte> input)
    {
        string message = Text(input);
        UsockCodec.ParseResult result = UsockCodec.TryParseRequest(message, ControlMethods.ArgCounts, out string method, out string[] args);
        if (result == UsockCodec.ParseResult.Ok)
        {
            string encoded = Encoding.UTF8.GetString(UsockCodec.EncodeRequest(method, args));
            ContractViolation.Equal(UsockCodec.ParseResult.Ok, UsockCodec.TryParseRequest(encoded, ControlMethods.ArgCounts, out string m2, out string[] a2), "parse(encode(request))");
            ContractViolation.Equal(method, m2, "the method after a round trip");
            ContractViolation.That(args.SequenceEqual(a2), "the arguments after a round trip");
        }
        foreach (string line in UsockCodec.Lines(message))
        {
            if (UsockCodec.TryUnescape(line, out string value))
            {
                ContractViolation.Equal(line, UsockCodec.Escape(value), "escape(unescape(line))");
            }
            ContractViolation.That(UsockCodec.TryUnescape(UsockCodec.Escape(line), out string back) && back == line, "unescape(escape(line))");
        }
        ControlReply? reply = UsockCodec.TryParseReply(message);
        if (reply is not null)
        {
            ControlReply? again = UsockCodec.TryParseReply(Encoding.UTF8.GetString(UsockCodec.EncodeReply(reply)));
            ContractViolation.That(again is not null && again.Payload == reply.Payload && again.Error?.Code == reply.Error?.Code && again.Error?.Message == reply.Error?.Message,
                "parse(encode(reply)) differs from the reply");
        }
        _ = UsockCodec.TryParseEvent(message);
        return $"{result}:{(result == UsockCodec.ParseResult.Ok ? method : string.Empty)}:{(reply is null ? "-" : reply.Error is null ? "success" : "error")}";
    }
}
