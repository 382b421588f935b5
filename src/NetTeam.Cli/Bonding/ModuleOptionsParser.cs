namespace NetTeam.Cli.Bonding;

/// <summary>
/// Form 1: bonding's module options, <c>name=value</c> words as modprobe, /etc/modprobe.d and initscripts'
/// BONDING_OPTS take them (bonding.rst §2, §3.2): <c>mode=802.3ad miimon=100 lacp_rate=fast</c>.
/// </summary>
internal static class ModuleOptionsParser
{
    public static BondInput Parse(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        List<BondOption> options = [];
        foreach (string word in words)
        {
            int eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new BondException($"\"{word}\" is not a module option (expected name=value, such as miimon=100; ip link's form is name value, without any '=')");
            }
            string key = word[..eq];
            options.Add(new BondOption(BondOption.Normalize(key), key, word[(eq + 1)..], word));
        }
        return new BondInput(options);
    }
}
