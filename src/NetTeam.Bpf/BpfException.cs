namespace NetTeam.Bpf;

/// <summary>A <see cref="BpfError"/> thrown at an API boundary (see <see cref="BpfError.ThrowIfFailed"/>).</summary>
public sealed class BpfException : Exception
{
    public BpfException()
    {
    }

    public BpfException(string message)
        : base(message)
    {
    }

    public BpfException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BpfException(BpfError error)
        : base(error.Message) => Error = error;

    public BpfError Error { get; }
}
