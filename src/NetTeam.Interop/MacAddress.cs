using System.Globalization;

namespace NetTeam.Interop;

/// <summary>A 48-bit Ethernet address.</summary>
public readonly struct MacAddress : IEquatable<MacAddress>
{
    private readonly ulong _value;

    public MacAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 6)
        {
            throw new ArgumentException("A MAC address has 6 bytes.", nameof(bytes));
        }
        ulong v = 0;
        for (int i = 0; i < 6; i++)
        {
            v = (v << 8) | bytes[i];
        }
        _value = v;
    }

    public bool IsMulticast => ((_value >> 40) & 1) != 0;

    public bool IsZero => _value == 0;

    public static MacAddress Parse(string text) =>
        TryParse(text, out MacAddress mac) ? mac : throw new FormatException($"\"{text}\" is not a MAC address (expected xx:xx:xx:xx:xx:xx).");

    public static bool TryParse(string? text, out MacAddress mac)
    {
        mac = default;
        if (text is null || text.Length != 17)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[6];
        for (int i = 0; i < 6; i++)
        {
            if ((i > 0 && text[(i * 3) - 1] != ':') ||
                !byte.TryParse(text.AsSpan(i * 3, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }
        mac = new MacAddress(bytes);
        return true;
    }

    /// <summary>A random locally administered unicast address, as eth_hw_addr_random makes.</summary>
    public static MacAddress Random(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[6];
        random.NextBytes(bytes);
        bytes[0] = (byte)((bytes[0] & 0xFE) | 0x02);
        return new MacAddress(bytes);
    }

    public void CopyTo(Span<byte> destination)
    {
        for (int i = 0; i < 6; i++)
        {
            destination[i] = (byte)(_value >> (8 * (5 - i)));
        }
    }

    public byte[] ToArray()
    {
        byte[] bytes = new byte[6];
        CopyTo(bytes);
        return bytes;
    }

    public override string ToString()
    {
        Span<byte> b = stackalloc byte[6];
        CopyTo(b);
        return string.Create(CultureInfo.InvariantCulture, $"{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}:{b[5]:x2}");
    }

    public bool Equals(MacAddress other) => _value == other._value;

    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    public static bool operator ==(MacAddress left, MacAddress right) => left._value == right._value;

    public static bool operator !=(MacAddress left, MacAddress right) => left._value != right._value;
}
