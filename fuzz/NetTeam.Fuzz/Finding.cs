namespace NetTeam.Fuzz;

/// <summary>An input that broke a target's contract, and how.</summary>
public sealed record Finding(string Target, byte[] Input, string Problem)
{
    /// <summary>The file name a finding is kept under: its kind and a hash of the input, so the same input is kept once.</summary>
    public string FileName => $"crash-{Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(Input).AsSpan(0, 8)).ToLowerInvariant()}";
}
