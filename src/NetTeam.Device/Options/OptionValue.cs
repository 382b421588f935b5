using System.Globalization;
using System.Text;

namespace NetTeam.Device.Options;

/// <summary>An option's value, typed as the team netlink API types it.</summary>
public readonly struct OptionValue : IEquatable<OptionValue>
{
    private readonly long _integer;
    private readonly string? _text;
    private readonly byte[]? _bytes;

    private OptionValue(TeamOptionType type, long integer, string? text, byte[]? bytes)
    {
        Type = type;
        _integer = integer;
        _text = text;
        _bytes = bytes;
    }

    public TeamOptionType Type { get; }

    public uint AsU32 => Type == TeamOptionType.U32 ? (uint)_integer : throw WrongType(TeamOptionType.U32);

    public int AsS32 => Type == TeamOptionType.S32 ? (int)_integer : throw WrongType(TeamOptionType.S32);

    public bool AsBool => Type == TeamOptionType.Bool ? _integer != 0 : throw WrongType(TeamOptionType.Bool);

    public string AsString => Type == TeamOptionType.String ? _text! : throw WrongType(TeamOptionType.String);

    public ReadOnlySpan<byte> AsBinary => Type == TeamOptionType.Binary ? _bytes : throw WrongType(TeamOptionType.Binary);

    public static OptionValue FromU32(uint value) => new(TeamOptionType.U32, value, null, null);

    public static OptionValue FromS32(int value) => new(TeamOptionType.S32, value, null, null);

    public static OptionValue FromBool(bool value) => new(TeamOptionType.Bool, value ? 1 : 0, null, null);

    public static OptionValue FromString(string value) => new(TeamOptionType.String, 0, value, null);

    public static OptionValue FromBinary(ReadOnlySpan<byte> value) => new(TeamOptionType.Binary, 0, null, value.ToArray());

    /// <summary>
    /// Parses the text form teamnl's setoption accepts for <paramref name="type"/> (libteam utils/teamnl.c):
    /// decimal integers, true/false, strings as-is, binary as \xx per byte.
    /// </summary>
    public static bool TryParse(TeamOptionType type, string text, out OptionValue value, out string? error)
    {
        value = default;
        error = null;
        switch (type)
        {
            case TeamOptionType.U32:
                if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint u))
                {
                    value = FromU32(u);
                    return true;
                }
                error = $"\"{text}\" is not an unsigned 32-bit integer";
                return false;
            case TeamOptionType.S32:
                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int s))
                {
                    value = FromS32(s);
                    return true;
                }
                error = $"\"{text}\" is not a signed 32-bit integer";
                return false;
            case TeamOptionType.Bool:
                if (text == "true" || text == "false")
                {
                    value = FromBool(text == "true");
                    return true;
                }
                error = $"\"{text}\" is not a boolean (expected true or false)";
                return false;
            case TeamOptionType.String:
                value = FromString(text);
                return true;
            case TeamOptionType.Binary:
                return TryParseBinary(text, out value, out error);
            default:
                error = "unknown option type";
                return false;
        }
    }

    private static bool TryParseBinary(string text, out OptionValue value, out string? error)
    {
        value = default;
        error = null;
        if (text.Length % 3 != 0)
        {
            error = $"\"{text}\" is not binary in the \\xx form";
            return false;
        }
        byte[] bytes = new byte[text.Length / 3];
        for (int i = 0; i < bytes.Length; i++)
        {
            if (text[i * 3] != '\\' ||
                !byte.TryParse(text.AsSpan(i * 3 + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                error = $"\"{text}\" is not binary in the \\xx form";
                return false;
            }
        }
        value = new OptionValue(TeamOptionType.Binary, 0, null, bytes);
        return true;
    }

    /// <summary>The value as teamnl prints it (libteam libteam/stringify.c).</summary>
    public override string ToString() => Type switch
    {
        TeamOptionType.U32 => ((uint)_integer).ToString(CultureInfo.InvariantCulture),
        TeamOptionType.S32 => ((int)_integer).ToString(CultureInfo.InvariantCulture),
        TeamOptionType.Bool => _integer != 0 ? "true" : "false",
        TeamOptionType.String => _text ?? string.Empty,
        TeamOptionType.Binary => FormatBinary(_bytes ?? []),
        _ => string.Empty,
    };

    private static string FormatBinary(byte[] bytes)
    {
        StringBuilder sb = new(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            sb.Append('\\').Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public bool Equals(OptionValue other) =>
        Type == other.Type && _integer == other._integer && _text == other._text &&
        AsSpanOrEmpty(_bytes).SequenceEqual(AsSpanOrEmpty(other._bytes));

    public override bool Equals(object? obj) => obj is OptionValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Type, _integer, _text);

    public static bool operator ==(OptionValue left, OptionValue right) => left.Equals(right);

    public static bool operator !=(OptionValue left, OptionValue right) => !left.Equals(right);

    private static ReadOnlySpan<byte> AsSpanOrEmpty(byte[]? bytes) => bytes is null ? default : bytes;

    private InvalidOperationException WrongType(TeamOptionType wanted) =>
        new($"Option value is {Type}, not {wanted}.");
}
