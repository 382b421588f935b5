using System.Text;

namespace NetTeam.Control.Protocol;

/// <summary>
/// teamd's usock framing (libteam teamd/teamd_usock.c, teamd_usock_common.h): one datagram per request or
/// reply, lines separated by \n with empty lines skipped, arguments escaped as \n -> "\n" and \ -> "\\".
/// </summary>
public static class UsockCodec
{
    public const string Request = "REQUEST";
    public const string ReplySuccess = "REPLY_SUCCESS";
    public const string ReplyError = "REPLY_ERROR";

    /// <summary>
    /// NetTeam's event datagram on a stream (Monitor): after the REPLY_SUCCESS of the request, the server
    /// sends "EVENT\n" and a JSON payload for every change, until the client closes the connection.
    /// </summary>
    public const string Event = "EVENT";

    public static byte[] EncodeEvent(string payload) => Encoding.UTF8.GetBytes(Event + "\n" + payload);

    /// <summary>The payload of an event datagram, or null when the message is not one.</summary>
    public static string? TryParseEvent(string message) =>
        message.StartsWith(Event + "\n", StringComparison.Ordinal) ? message[(Event.Length + 1)..] : null;

    public static byte[] EncodeRequest(string method, params string[] args)
    {
        StringBuilder sb = new();
        sb.Append(Request).Append('\n').Append(method).Append('\n');
        foreach (string a in args)
        {
            sb.Append(Escape(a)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    public static byte[] EncodeReply(ControlReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        string text = reply.Error is ControlError e
            ? $"{ReplyError}\n{e.Code}\n{e.Message}\n"
            : $"{ReplySuccess}\n{reply.Payload}";
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Non-empty lines, as teamd_usock_msg_getline splits them.</summary>
    public static List<string> Lines(string message) => [.. message.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public enum ParseResult
    {
        Ok,

        /// <summary>Not a REQUEST, or an unknown method: teamd logs it and sends no reply.</summary>
        Ignore,

        /// <summary>Too few arguments or a bad escape: InvalidArgs.</summary>
        InvalidArgs,
    }

    public static ParseResult TryParseRequest(string message, IReadOnlyDictionary<string, int> methods, out string method, out string[] args)
    {
        ArgumentNullException.ThrowIfNull(methods);
        List<string> lines = Lines(message);
        method = string.Empty;
        args = [];
        if (lines.Count < 2 || lines[0] != Request || !methods.TryGetValue(lines[1], out int count))
        {
            return ParseResult.Ignore;
        }
        method = lines[1];
        if (lines.Count - 2 < count)
        {
            return ParseResult.InvalidArgs;
        }
        args = new string[count];
        for (int i = 0; i < count; i++)
        {
            if (!TryUnescape(lines[2 + i], out string? value))
            {
                return ParseResult.InvalidArgs;
            }
            args[i] = value;
        }
        return ParseResult.Ok;
    }

    /// <summary>Parses a reply: the payload after the first line, or the error's code and message.</summary>
    public static ControlReply? TryParseReply(string message)
    {
        int nl = message.IndexOf('\n', StringComparison.Ordinal);
        string first = nl < 0 ? message : message[..nl];
        if (first == ReplySuccess)
        {
            return ControlReply.Success(nl < 0 ? string.Empty : message[(nl + 1)..]);
        }
        if (first == ReplyError)
        {
            List<string> lines = Lines(message);
            return ControlReply.Fail(new ControlError(lines.Count > 1 ? lines[1] : string.Empty, lines.Count > 2 ? lines[2] : string.Empty));
        }
        return null;
    }

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    public static bool TryUnescape(string value, out string result)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder sb = new(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (i + 1 >= value.Length)
            {
                result = string.Empty;
                return false;
            }
            char next = value[++i];
            if (next == 'n')
            {
                sb.Append('\n');
            }
            else if (next == '\\')
            {
                sb.Append('\\');
            }
            else
            {
                result = string.Empty;
                return false;
            }
        }
        result = sb.ToString();
        return true;
    }
}
