using System.Globalization;
using System.Net;

namespace NetTeam.Daemon.Config;

/// <summary>
/// Where netteamd serves its metrics over HTTP: <c>"metrics": {"listen": "ADDRESS:PORT"}</c> in the config or
/// <c>--metrics-listen ADDRESS:PORT</c>. A numeric address only (no name to resolve), IPv6 in brackets, and a port
/// always: <c>127.0.0.1:9786</c>, <c>[::1]:9786</c>; all addresses only when asked (<c>0.0.0.0:9786</c>, <c>[::]:9786</c>).
/// 9786 is the port NetTeam suggests; Prometheus' list of default exporter ports has no entry for it.
/// </summary>
internal static class MetricsListen
{
    /// <summary>The endpoint <paramref name="text"/> names; null when it is not ADDRESS:PORT.</summary>
    public static IPEndPoint? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string host;
        string port;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                return null;
            }
            host = text[1..close];
            port = text[(close + 2)..];
            if (!host.Contains(':', StringComparison.Ordinal))
            {
                return null;
            }
        }
        else
        {
            int colon = text.LastIndexOf(':');
            if (colon < 0 || text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                return null;
            }
            host = text[..colon];
            port = text[(colon + 1)..];
        }
        bool valid = IPAddress.TryParse(host, out IPAddress? address)
            && (host.Contains(':', StringComparison.Ordinal) || host.Count(c => c == '.') == 3)
            && port.Length > 0 && port.All(char.IsAsciiDigit)
            && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number is > 0 and <= 65535;
        return valid ? new IPEndPoint(address!, int.Parse(port, CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>The error for a bad value of <paramref name="key"/> (the config key's path or the option).</summary>
    public static string Error(string key, string value) =>
        $"{key}: \"{value}\" is not an address and port (expected ADDRESS:PORT with a numeric IPv4 address or an IPv6 address in brackets, and a port 1-65535, such as 127.0.0.1:9786 or [::1]:9786)";
}
