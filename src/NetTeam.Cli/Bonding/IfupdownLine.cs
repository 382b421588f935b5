namespace NetTeam.Cli.Bonding;

/// <summary>One option line of an interfaces(5) stanza: its key, the rest of the line, and the line's number in the file.</summary>
internal sealed record IfupdownLine(string Key, string Value, int Number)
{
    /// <summary>The value's words (bond-slaves eth0 eth1).</summary>
    public string[] Words => Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
