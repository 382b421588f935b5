namespace NetTeam.Cli.Bonding;

/// <summary>
/// The option lines of one interface in an interfaces(5) file, from every <c>iface NAME ...</c> stanza of that
/// name (an interface may have one per address family), in file order.
/// </summary>
internal sealed record IfupdownStanza(string Name, List<IfupdownLine> Lines)
{
    /// <summary>ifenslave's key spelling: bond-mode, also written bond_mode (ifupdown passes both as IF_BOND_MODE).</summary>
    public static string? BondKey(string key) =>
        key.Length > 5 && (key.StartsWith("bond-", StringComparison.Ordinal) || key.StartsWith("bond_", StringComparison.Ordinal)) ? BondOption.Normalize(key[5..]) : null;

    /// <summary>Whether the stanza configures a bond: it has bond-* keys and is no bond's port (bond-master).</summary>
    public bool IsBond => Lines.Any(l => BondKey(l.Key) is string k && k != "master") && Master is null;

    /// <summary>The bond this interface is a port of (bond-master), or null.</summary>
    public string? Master => Lines.LastOrDefault(l => BondKey(l.Key) == "master")?.Value;

    /// <summary>The last line with this bond key (bond-slaves eth0 eth1), or null.</summary>
    public IfupdownLine? Line(string bondKey) => Lines.LastOrDefault(l => BondKey(l.Key) == bondKey);
}
