namespace NetTeam.Cli.Bonding;

/// <summary>
/// One bonding option as the user wrote it. <see cref="Name"/> is bonding's own spelling (Linux
/// Documentation/networking/bonding.rst, "Bonding Driver Options": lower case with underscores; modprobe takes
/// '-' for '_'), <see cref="Key"/> the name as written (<c>miimon</c>, <c>bond-miimon</c>), <see cref="Written"/>
/// the whole option as written (<c>miimon=100</c>, <c>miimon 100</c>, <c>bond-miimon 100</c>), and
/// <see cref="At"/> where, for options read from a file (<c>/etc/network/interfaces:7: </c>), else empty.
/// </summary>
internal sealed record BondOption(string Name, string Key, string Value, string Written, string At = "")
{
    /// <summary>bonding's name of a key: '-' and '_' are the same to modprobe and ifupdown.</summary>
    public static string Normalize(string key) => key.Replace('-', '_');

    /// <summary>The error for a bad value: the option, the value and what was expected.</summary>
    public BondException Invalid(string expected) => new($"{At}{Key}: \"{Value}\" is not valid (expected {expected})");

    /// <summary>A note about this option, for stderr.</summary>
    public string Note(string text) => $"{At}{Written}: {text}";
}
