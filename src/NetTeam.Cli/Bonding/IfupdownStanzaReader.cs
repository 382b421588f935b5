using System.Text;

namespace NetTeam.Cli.Bonding;

/// <summary>
/// Form 3: a bond's stanza in a Debian interfaces(5) file, with ifenslave's keys (bonding.rst §3.5; each
/// bonding option as bond-NAME with '-' for '_'): the options, the ports from bond-slaves (also bond-ports,
/// ifupdown-ng's bond-members) and from the stanzas that name the bond in bond-master, the iface name as
/// the device, hwaddress as the team's hwaddr. bond-primary may list several interfaces; as ifenslave does,
/// the first that is a port becomes the primary.
/// </summary>
internal static class IfupdownStanzaReader
{
    private static readonly string[] s_portKeys = ["slaves", "ports", "members"];

    /// <summary>The words that end an iface stanza (interfaces(5)), besides allow-*.</summary>
    private static readonly HashSet<string> s_stanzaStarts = ["iface", "mapping", "auto", "source", "source-directory", "rename", "no-auto-down", "no-scripts"];

    public static BondInput Read(string path, string? iface)
    {
        List<IfupdownStanza> stanzas = Parse(ReadLines(path));
        IfupdownStanza bond = Choose(path, stanzas, iface);
        List<string> ports = Ports(path, bond, stanzas);
        List<BondOption> options = [];
        List<string> others = [];
        string? hwaddr = null;
        foreach (IfupdownLine line in bond.Lines)
        {
            string at = $"{path}:{line.Number}: ";
            string? key = IfupdownStanza.BondKey(line.Key);
            if (key is null && line.Key == "hwaddress")
            {
                // hwaddress [ether] MAC (interfaces(5)).
                hwaddr = line.Words.LastOrDefault() is string mac && BondValues.IsMac(mac)
                    ? mac : throw new BondException($"{at}hwaddress: \"{line.Value}\" is not valid (expected a MAC address, such as hwaddress ether 02:00:00:00:00:01)");
            }
            else if (key is null)
            {
                others.Add(line.Key);
            }
            else if (!s_portKeys.Contains(key) && key != "primary")
            {
                options.Add(new BondOption(key, line.Key, line.Value, $"{line.Key} {line.Value}", at));
            }
        }
        if (Primary(path, bond, stanzas, ports) is BondOption primary)
        {
            options.Add(primary);
        }
        List<string> notes = others.Count == 0 ? [] :
            [$"{path}: iface {bond.Name}: {string.Join(", ", others.Distinct())}: not part of teamd's config; configure the team interface with them as any interface"];
        return new BondInput(options) { Device = bond.Name, Ports = ports, Hwaddr = hwaddr, Notes = notes };
    }

    /// <summary>The file's logical lines and their numbers: comments (lines starting with '#') left out, lines ending in '\' joined.</summary>
    private static List<(string Text, int Number)> ReadLines(string path)
    {
        string[] raw;
        try
        {
            raw = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BondException($"--ifupdown: cannot read {path}: {ex.Message}");
        }
        List<(string, int)> lines = [];
        StringBuilder? pending = null;
        int start = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            if (pending is null)
            {
                if (raw[i].TrimStart().StartsWith('#'))
                {
                    continue;
                }
                pending = new StringBuilder();
                start = i + 1;
            }
            bool more = raw[i].EndsWith('\\');
            pending.Append(more ? raw[i][..^1] + " " : raw[i]);
            if (!more)
            {
                lines.Add((pending.ToString(), start));
                pending = null;
            }
        }
        if (pending is not null)
        {
            lines.Add((pending.ToString(), start));
        }
        return lines;
    }

    private static List<IfupdownStanza> Parse(List<(string Text, int Number)> lines)
    {
        List<IfupdownStanza> stanzas = [];
        IfupdownStanza? current = null;
        foreach ((string text, int number) in lines)
        {
            string[] words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }
            if (words[0] == "iface" && words.Length > 1)
            {
                current = stanzas.Find(s => s.Name == words[1]);
                if (current is null)
                {
                    current = new IfupdownStanza(words[1], []);
                    stanzas.Add(current);
                }
            }
            else if (s_stanzaStarts.Contains(words[0]) || words[0].StartsWith("allow-", StringComparison.Ordinal))
            {
                current = null;
            }
            else
            {
                current?.Lines.Add(new IfupdownLine(words[0], string.Join(' ', words[1..]), number));
            }
        }
        return stanzas;
    }

    private static IfupdownStanza Choose(string path, List<IfupdownStanza> stanzas, string? iface)
    {
        if (iface is not null)
        {
            IfupdownStanza s = stanzas.Find(x => x.Name == iface)
                ?? throw new BondException($"--iface {iface}: {path} has no \"iface {iface}\" stanza (expected one of {Names(stanzas)})");
            if (s.Master is string master)
            {
                throw new BondException($"--iface {iface}: {iface} is a port of {master} (bond-master {master}; expected the bond's own stanza, --iface {master})");
            }
            return s.IsBond ? s : throw new BondException($"--iface {iface}: the stanza has no bond-* options (expected a bond's stanza, with bond-slaves or bond-mode)");
        }
        List<IfupdownStanza> bonds = stanzas.FindAll(x => x.IsBond);
        return bonds.Count switch
        {
            1 => bonds[0],
            0 => throw new BondException($"--ifupdown {path}: no bond stanza (expected an iface with bond-slaves or bond-mode; source lines are not followed, so give the file that holds the stanza)"),
            _ => throw new BondException($"--ifupdown {path}: several bond stanzas, {Names(bonds)} (expected --iface NAME to choose one)"),
        };
    }

    /// <summary>bond-slaves (bond-ports, bond-members) of the bond, then the interfaces whose stanza names it in bond-master.</summary>
    private static List<string> Ports(string path, IfupdownStanza bond, List<IfupdownStanza> stanzas)
    {
        List<string> ports = [];
        foreach (string key in s_portKeys)
        {
            if (bond.Line(key) is not IfupdownLine line)
            {
                continue;
            }
            foreach (string port in line.Words.Where(w => w != "none"))
            {
                if (port == "all" || !BondValues.IsInterfaceName(port))
                {
                    throw new BondException($"{path}:{line.Number}: {line.Key}: \"{port}\" is not valid (expected the ports' interface names, or none; for \"all\" name the ports with --ports)");
                }
                if (!ports.Contains(port))
                {
                    ports.Add(port);
                }
            }
        }
        ports.AddRange(stanzas.Where(s => s.Master == bond.Name && !ports.Contains(s.Name)).Select(s => s.Name));
        return ports;
    }

    /// <summary>bond-primary of the bond (or, as in bonding.rst's upstart example, of its ports): the first listed that is a port.</summary>
    private static BondOption? Primary(string path, IfupdownStanza bond, List<IfupdownStanza> stanzas, List<string> ports)
    {
        IfupdownLine? line = bond.Line("primary") ?? stanzas.Where(s => s.Master == bond.Name).Select(s => s.Line("primary")).LastOrDefault(l => l is not null);
        if (line is null)
        {
            return null;
        }
        string at = $"{path}:{line.Number}: ";
        string? chosen = ports.Count == 0 ? line.Words.FirstOrDefault() : line.Words.FirstOrDefault(ports.Contains);
        return chosen is null
            ? throw new BondException($"{at}{line.Key}: \"{line.Value}\" is not valid (expected one of the ports, {string.Join(", ", ports)})")
            : new BondOption("primary", line.Key, chosen, $"{line.Key} {line.Value}", at);
    }

    private static string Names(List<IfupdownStanza> stanzas) => stanzas.Count == 0 ? "none" : string.Join(", ", stanzas.Select(s => s.Name));
}
