namespace NetTeam.Cli;

/// <summary>
/// One netteamctl command: its fixed words ("state item set"), how many operands follow them (the last
/// <paramref name="Optional"/> of them may be left out), and its handler.
/// </summary>
internal sealed record CtlCommand(string Name, int Operands, CtlHandler Handler, int Optional = 0)
{
    private readonly string[] _words = Name.Split(' ');

    /// <summary>The operands when <paramref name="command"/> is this command, or null.</summary>
    public string[]? Match(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        int operands = command.Count - _words.Length;
        if (operands < Operands - Optional || operands > Operands)
        {
            return null;
        }
        for (int i = 0; i < _words.Length; i++)
        {
            if (command[i] != _words[i])
            {
                return null;
            }
        }
        return [.. command.Skip(_words.Length)];
    }
}
