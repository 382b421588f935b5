using System.Globalization;

namespace NetTeam.Cli;

/// <summary>
/// netteamctl's options (teamdctl's -v and -o, teamnl's -p and -a, NetTeam's -j and top's --once) and the words
/// left after them: the team and the command. Options may stand anywhere, before the team or after the
/// command. Parsing stops at -h, which prints the usage, and at a bad array index; and at convert-bond in the
/// team's place, whose arguments are its own (<see cref="ConvertBondOptions"/>).
/// </summary>
internal sealed record CtlOptions(bool Verbose, bool OneLine, bool Json, string? Port, int? ArrayIndex, IReadOnlyList<string> Words)
{
    public bool Help { get; private init; }

    public bool Version { get; private init; }

    /// <summary>top: print one frame and exit, as when stdout is not a terminal.</summary>
    public bool Once { get; private init; }

    /// <summary>Why parsing stopped with an error, printed to stderr with exit code 1; null when it did not.</summary>
    public string? Error { get; private init; }

    public static CtlOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        CtlOptions o = new(false, false, false, null, null, []);
        List<string> words = [];
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (words.Count == 0 && a == ConvertBondCommand.Name)
            {
                return o with { Words = [.. args[i..]] };
            }
            switch (a)
            {
                case "-h" or "--help":
                    return o with { Help = true };
                case "-V" or "--version":
                    // -v is teamdctl's --verbose, so the version takes -V.
                    return o with { Version = true };
                case "-v" or "--verbose":
                    o = o with { Verbose = true };
                    break;
                case "-o" or "--oneline":
                    o = o with { OneLine = true };
                    break;
                case "-j" or "--json":
                    o = o with { Json = true };
                    break;
                case "--once":
                    o = o with { Once = true };
                    break;
                case "-p" or "--port" or "--port_name" when i + 1 < args.Length:
                    o = o with { Port = args[++i] };
                    break;
                case "-a" or "--array-index" or "--array_index" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out int idx))
                    {
                        return o with { Error = $"Invalid array index \"{args[i]}\"." };
                    }
                    o = o with { ArrayIndex = idx };
                    break;
                default:
                    o = ParseJoined(o, a, words);
                    break;
            }
        }
        return o with { Words = words };
    }

    /// <summary>The --name=value forms; any other word is the team or the command.</summary>
    private static CtlOptions ParseJoined(CtlOptions o, string a, List<string> words)
    {
        if (a.StartsWith("--port=", StringComparison.Ordinal))
        {
            return o with { Port = a["--port=".Length..] };
        }
        if (a.StartsWith("--array-index=", StringComparison.Ordinal) || a.StartsWith("--array_index=", StringComparison.Ordinal))
        {
            return o with { ArrayIndex = int.Parse(a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture) };
        }
        words.Add(a);
        return o;
    }
}
