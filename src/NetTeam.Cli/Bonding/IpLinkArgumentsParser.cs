namespace NetTeam.Cli.Bonding;

/// <summary>
/// Form 2: the bond arguments of <c>ip link add NAME type bond ARGS</c> (ip-link(8), "BOND Type Support"):
/// <c>mode 802.3ad miimon 100</c>, name and value as separate words. The command before <c>type bond</c> may be
/// given too: its NAME becomes the device and <c>address</c> the team's hwaddr.
/// </summary>
internal static class IpLinkArgumentsParser
{
    /// <summary>ip-link's spellings of bonding's names.</summary>
    private static readonly Dictionary<string, string> s_aliases = new() { ["peer_notify_delay"] = "peer_notif_delay" };

    /// <summary>ip-link's bond arguments that take no value.</summary>
    private static readonly HashSet<string> s_flags = ["clear_active_slave"];

    public static BondInput Parse(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        int start = 0;
        BondInput prefix = new([]);
        for (int i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] == "type" && words[i + 1] == "bond")
            {
                prefix = Prefix([.. words.Take(i)]);
                start = i + 2;
                break;
            }
        }
        List<BondOption> options = [];
        for (int i = start; i < words.Count; i++)
        {
            string key = words[i];
            string name = s_aliases.GetValueOrDefault(key, key);
            if (s_flags.Contains(name))
            {
                options.Add(new BondOption(name, key, string.Empty, key));
                continue;
            }
            if (i + 1 == words.Count)
            {
                throw new BondException($"{key}: missing value (expected ip link's form, name value, such as miimon 100)");
            }
            string value = words[++i];
            options.Add(new BondOption(name, key, value, $"{key} {value}"));
        }
        return prefix with { Options = options };
    }

    /// <summary>
    /// <c>[ip] [link] add|set|change [name|dev] NAME [address LLADDR] [...]</c>: the device, its address, and a
    /// note for what else is there (mtu, txqueuelen, ...), which teamd's config does not hold.
    /// </summary>
    private static BondInput Prefix(string[] words)
    {
        int i = 0;
        i += i < words.Length && words[i] == "ip" ? 1 : 0;
        i += i < words.Length && words[i] == "link" ? 1 : 0;
        if (i >= words.Length || words[i] is not ("add" or "set" or "change" or "replace"))
        {
            throw new BondException($"\"{string.Join(' ', words)} type bond\" is not an ip link command (expected ip link add NAME type bond ARGS, or only the ARGS)");
        }
        i++;
        i += i < words.Length && words[i] is "name" or "dev" ? 1 : 0;
        if (i >= words.Length)
        {
            throw new BondException("ip link add: missing the bond's NAME (expected ip link add NAME type bond ARGS)");
        }
        string device = words[i++];
        string? hwaddr = null;
        List<string> rest = [];
        for (; i < words.Length; i++)
        {
            if (words[i] == "address" && i + 1 < words.Length)
            {
                hwaddr = words[++i];
                continue;
            }
            rest.Add(words[i]);
        }
        List<string> notes = rest.Count == 0 ? [] : [$"ip link {string.Join(' ', rest)}: not part of teamd's config; set it on the team interface with ip link once netteamd runs"];
        return new BondInput([]) { Device = device, Hwaddr = hwaddr, Notes = notes };
    }
}
