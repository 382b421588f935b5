using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetTeam.Cli.Bonding;

/// <summary>
/// Reads bonding's values (bonding.rst §2: numbers in decimal, names or their numbers, IPv4 lists separated by
/// commas); every error names the option, the value and what was expected.
/// </summary>
internal static class BondValues
{
    /// <summary>At most 16 targets each (bonding.rst: arp_ip_target, ns_ip6_target; BOND_MAX_ARP_TARGETS).</summary>
    public const int MaxTargets = 16;

    public static int Number(BondOption o, int min, int max, string what)
    {
        if (int.TryParse(o.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max)
        {
            return n;
        }
        throw o.Invalid(string.Create(CultureInfo.InvariantCulture, $"{what}, {min} to {max}"));
    }

    public static int Milliseconds(BondOption o, int max = int.MaxValue) => Number(o, 0, max, "a number of milliseconds");

    /// <summary>A name from <paramref name="names"/> or its number.</summary>
    public static int Choice(BondOption o, string[] names)
    {
        int i = Array.IndexOf(names, o.Value);
        if (i >= 0)
        {
            return i;
        }
        if (int.TryParse(o.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n < names.Length)
        {
            return n;
        }
        throw o.Invalid($"{string.Join(", ", names[..^1])} or {names[^1]}, or 0 to {names.Length - 1}");
    }

    public static bool Flag(BondOption o) => o.Value switch
    {
        "0" => false,
        "1" => true,
        _ => throw o.Invalid("0 or 1"),
    };

    /// <summary>
    /// Adds the addresses of <paramref name="o"/> to <paramref name="targets"/>: a list separated by commas (or
    /// spaces, as ifenslave's interfaces(5) keys take it); a leading '+' adds, '-' removes, as sysfs takes them.
    /// </summary>
    public static void Targets(BondOption o, List<string> targets, AddressFamily family)
    {
        string[] items = o.Value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        string expected = family == AddressFamily.InterNetwork
            ? "IPv4 addresses separated by commas, such as 192.168.1.1,192.168.1.2"
            : "IPv6 addresses separated by commas, such as 2001:db8::1,2001:db8::2";
        if (items.Length == 0)
        {
            throw o.Invalid(expected);
        }
        foreach (string item in items)
        {
            bool remove = item[0] == '-';
            string address = item[0] is '+' or '-' ? item[1..] : item;
            if (!IsAddress(address, family))
            {
                throw o.Invalid(expected);
            }
            targets.Remove(address);
            if (!remove)
            {
                targets.Add(address);
            }
        }
        if (targets.Count > MaxTargets)
        {
            throw o.Invalid($"at most {MaxTargets} addresses");
        }
    }

    /// <summary>An interface name as Linux takes it (1 to 15 characters, no '/', ':' or white space).</summary>
    public static bool IsInterfaceName(string name) =>
        name.Length is > 0 and < 16 && name is not ("." or "..") && !name.Any(c => c is '/' or ':' or '\0' || char.IsWhiteSpace(c));

    public static string Interface(BondOption o) => IsInterfaceName(o.Value) ? o.Value : throw o.Invalid("an interface name of 1 to 15 characters");

    /// <summary>A MAC address as six pairs of hex digits separated by ':' (bonding's ad_actor_system, teamd's hwaddr).</summary>
    public static bool IsMac(string text)
    {
        string[] parts = text.Split(':');
        return parts.Length == 6 && parts.All(p => p.Length == 2 && p.All(char.IsAsciiHexDigit));
    }

    /// <summary>A literal address; IPv4 only as a dotted quad (netteamd refuses "10.1.1", docs/link-watch.md).</summary>
    private static bool IsAddress(string text, AddressFamily family) =>
        IPAddress.TryParse(text, out IPAddress? ip) && ip.AddressFamily == family
        && (family != AddressFamily.InterNetwork || text.Split('.').Length == 4);
}
