using NetTeam.Cli.Bonding;
using NetTeam.Control.Client;

namespace NetTeam.Cli;

/// <summary>
/// `netteamctl convert-bond ARGS`: a bonding configuration (module options, ip link's bond arguments, or an
/// ifupdown stanza) as the teamd config netteamd loads. teamd's config parser takes no comments, so stdout
/// carries the JSON alone and the notes go to stderr as "# " lines; an error prints nothing on stdout.
/// </summary>
internal static class ConvertBondCommand
{
    public const string Name = "convert-bond";

    public const string Usage = """
        netteamctl convert-bond [--device NAME] [--ports IF,IF...] BONDING_OPTIONS...
        netteamctl convert-bond --ifupdown FILE [--iface NAME] [--device NAME] [--ports IF,IF...]
            Prints the teamd config (JSON, for netteamd -f) equivalent to a bonding configuration, given as
              module options:        'mode=802.3ad miimon=100 lacp_rate=fast xmit_hash_policy=layer3+4'
              ip link's bond args:   mode 802.3ad miimon 100 xmit_hash_policy layer3+4
                                     (or the whole ip link add NAME type bond ARGS command)
              an ifupdown stanza:    --ifupdown /etc/network/interfaces [--iface bond0]
                                     (ifenslave's bond-* keys; bond-slaves become the ports, the iface the device)
            --device NAME            the team's device (default: the stanza's iface, ip link's NAME, else team0)
            --ports IF,IF            the team's ports (default: the stanza's bond-slaves)
            The JSON alone goes to stdout; a "# " note for every option that has no exact teamd equivalent,
            and why, goes to stderr (teamd's config takes no comments). An unknown option or a bad value is
            an error on stderr, exit code 1, nothing on stdout.
        """;

    public static int Run(IReadOnlyList<string> args, bool oneLine, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        BondConversion conversion;
        try
        {
            ConvertBondOptions options = ConvertBondOptions.Parse(args);
            if (options.Help)
            {
                stdout.WriteLine(Usage);
                return 0;
            }
            conversion = BondConverter.Convert(options.Read());
        }
        catch (BondException ex)
        {
            stderr.WriteLine($"netteamctl {Name}: {ex.Message}");
            return 1;
        }
        foreach (string note in conversion.Notes)
        {
            stderr.WriteLine("# " + note);
        }
        stdout.WriteLine(StateView.FormatJson(conversion.Config, oneLine));
        return 0;
    }
}
