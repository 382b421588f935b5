namespace NetTeam.Cli.Bonding;

/// <summary>A bonding configuration convert-bond cannot convert: names the option, the value and what was expected. Nothing is printed on stdout.</summary>
internal sealed class BondException : Exception
{
    public BondException()
    {
    }

    public BondException(string message)
        : base(message)
    {
    }

    public BondException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
