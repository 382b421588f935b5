using NetTeam.Cli.Bonding;

namespace NetTeam.Cli;

/// <summary>
/// convert-bond's own options (--ifupdown FILE, --iface NAME, --device NAME, --ports IF,IF, -h; also as
/// --name=value) and the words left: the bonding options. "--" ends the options.
/// </summary>
internal sealed record ConvertBondOptions(IReadOnlyList<string> Words)
{
    public string? Ifupdown { get; private init; }

    public string? Iface { get; private init; }

    public string? Device { get; private init; }

    public IReadOnlyList<string>? Ports { get; private init; }

    public bool Help { get; private init; }

    public static ConvertBondOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        ConvertBondOptions o = new([]);
        List<string> words = [];
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                words.AddRange(args.Skip(i + 1));
                break;
            }
            if (a is "-h" or "--help")
            {
                return o with { Help = true };
            }
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(a);
                continue;
            }
            int eq = a.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? a : a[..eq];
            string value = eq >= 0 ? a[(eq + 1)..] : i + 1 < args.Count ? args[++i] : throw new BondException($"{name}: missing value");
            o = name switch
            {
                "--ifupdown" => o with { Ifupdown = value },
                "--iface" => o with { Iface = value },
                "--device" => o with { Device = value },
                "--ports" => o with { Ports = PortList(value) },
                _ => throw new BondException($"{name}: unknown convert-bond option (expected --ifupdown, --iface, --device or --ports)"),
            };
        }
        return o with { Words = words };
    }

    /// <summary>The bond these options describe: the ifupdown stanza, or the module options or ip link arguments, with --device and --ports over what they name.</summary>
    public BondInput Read()
    {
        BondInput input;
        if (Ifupdown is not null)
        {
            if (Words.Count > 0)
            {
                throw new BondException($"\"{Words[0]}\": --ifupdown takes the bond's options from the file (expected no bonding options with it)");
            }
            input = IfupdownStanzaReader.Read(Ifupdown, Iface);
        }
        else
        {
            if (Iface is not null)
            {
                throw new BondException("--iface: chooses a stanza of --ifupdown FILE (expected --ifupdown with it)");
            }
            string[] tokens = [.. Words.SelectMany(w => w.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))];
            if (tokens.Length == 0)
            {
                throw new BondException("no bonding options (expected module options such as mode=802.3ad miimon=100, ip link's mode 802.3ad miimon 100, or --ifupdown FILE)");
            }
            // Module options are name=value; ip link's arguments never hold a '='.
            input = tokens.Any(t => t.Contains('=', StringComparison.Ordinal)) ? ModuleOptionsParser.Parse(tokens) : IpLinkArgumentsParser.Parse(tokens);
        }
        return input with { Device = Device ?? input.Device, Ports = Ports ?? input.Ports };
    }

    private static string[] PortList(string value)
    {
        string[] ports = value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (ports.Length == 0 || ports.Distinct().Count() != ports.Length)
        {
            throw new BondException($"--ports: \"{value}\" is not valid (expected interface names separated by commas, each once, such as eth0,eth1)");
        }
        return ports;
    }
}
