using System.Globalization;

namespace NetTeam.Cli.Top;

/// <summary>
/// How top writes its numbers: SI prefixes (k = 1000, as iproute2's <c>ip -h -s link</c> and iperf3 print bits),
/// three significant digits, "-" for what is not known yet (a rate before the second sample).
/// </summary>
internal static class TopFormat
{
    public const string Unknown = "-";

    public static string Bits(double? bitsPerSecond) => bitsPerSecond is double b ? Scaled(b, "bit/s") : Unknown;

    /// <summary>Packets per second, the unit in the column's head: 12, 1.23k, 4.50M.</summary>
    public static string Packets(double? packetsPerSecond) => packetsPerSecond is double p ? Scaled(p, string.Empty) : Unknown;

    public static string Count(long? n) => n is long v ? v.ToString(CultureInfo.InvariantCulture) : Unknown;

    /// <summary>A drop counter, with its rate when it grew since the last sample.</summary>
    public static string Drops(long? total, double? perSecond) => perSecond is > 0
        ? $"{Count(total)} (+{Scaled(perSecond.Value, string.Empty)}/s)"
        : Count(total);

    public static string UpDown(bool? up) => up switch { true => "up", false => "down", null => Unknown };

    public static string YesNo(bool? yes) => yes switch { true => "yes", false => "no", null => Unknown };

    /// <summary>A port's speed and duplex as ethtool reports them, e.g. 10G/full; an unknown speed (-1) is "?".</summary>
    public static string Speed(int? mbps, string? duplex)
    {
        string speed = mbps switch
        {
            null => Unknown,
            < 0 => "?",
            >= 1000 when mbps % 1000 == 0 => (mbps / 1000).Value.ToString(CultureInfo.InvariantCulture) + "G",
            _ => mbps.Value.ToString(CultureInfo.InvariantCulture) + "M",
        };
        return duplex is null ? speed : speed + "/" + duplex;
    }

    public static string Time(DateTimeOffset t) => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Scaled(double value, string unit)
    {
        (double scaled, string prefix) = Math.Abs(value) switch
        {
            >= 1e9 => (value / 1e9, "G"),
            >= 1e6 => (value / 1e6, "M"),
            >= 1e3 => (value / 1e3, "k"),
            _ => (value, string.Empty),
        };
        // Whole numbers below 1000 plainly; with a prefix, three significant digits (1.23k, 12.3k, 123k).
        string digits = prefix.Length == 0
            ? Math.Round(scaled).ToString(CultureInfo.InvariantCulture)
            : scaled.ToString(Math.Abs(scaled) >= 100 ? "0" : Math.Abs(scaled) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
        return unit.Length == 0 ? digits + prefix : digits + " " + prefix + unit;
    }
}
