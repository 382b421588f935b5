namespace NetTeam.Device.DataPlane;

/// <summary>Converts between teamd's fragment names and <see cref="HashFragments"/>.</summary>
public static class HashFragmentNames
{
    /// <summary>Every name teamd accepts in <c>runner.tx_hash</c>, in teamd's order.</summary>
    public static IReadOnlyList<string> All { get; } = ["eth", "vlan", "ipv4", "ipv6", "ip", "l3", "l4", "tcp", "udp", "sctp"];

    public static bool TryParse(string name, out HashFragments fragment)
    {
        fragment = name switch
        {
            "eth" => HashFragments.Eth,
            "vlan" => HashFragments.Vlan,
            "ipv4" => HashFragments.Ipv4,
            "ipv6" => HashFragments.Ipv6,
            "ip" => HashFragments.Ip,
            "l3" => HashFragments.L3,
            "l4" => HashFragments.L4,
            "tcp" => HashFragments.Tcp,
            "udp" => HashFragments.Udp,
            "sctp" => HashFragments.Sctp,
            _ => HashFragments.None,
        };
        return fragment != HashFragments.None;
    }

    /// <summary>Parses a comma-separated list such as <c>eth,ipv4,ipv6</c>; the error names the bad fragment.</summary>
    public static bool TryParseList(string text, out HashFragments fragments, out string? error)
    {
        fragments = HashFragments.None;
        error = null;
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(part, out HashFragments f))
            {
                error = $"unknown tx hash fragment \"{part}\" (expected one of {string.Join(", ", All)})";
                return false;
            }
            fragments |= f;
        }
        return true;
    }

    /// <summary>The canonical list for a set of fragments, e.g. <c>eth,ipv4,ipv6</c>.</summary>
    public static string Format(HashFragments fragments)
    {
        List<string> names = [];
        if ((fragments & HashFragments.Eth) != 0)
        {
            names.Add("eth");
        }
        if ((fragments & HashFragments.Vlan) != 0)
        {
            names.Add("vlan");
        }
        if ((fragments & HashFragments.Ipv4) != 0)
        {
            names.Add("ipv4");
        }
        if ((fragments & HashFragments.Ipv6) != 0)
        {
            names.Add("ipv6");
        }
        if ((fragments & HashFragments.Tcp) != 0)
        {
            names.Add("tcp");
        }
        if ((fragments & HashFragments.Udp) != 0)
        {
            names.Add("udp");
        }
        if ((fragments & HashFragments.Sctp) != 0)
        {
            names.Add("sctp");
        }
        return string.Join(',', names);
    }
}
