using NetTeam.Interop;

namespace NetTeam.Device;

/// <summary>
/// A refused team operation. <see cref="Error"/> is the errno the kernel's team driver returns for the
/// same case (teamd-spec §1), so control clients can map it to teamd's error names.
/// </summary>
public sealed class TeamException : Exception
{
    public TeamException(Errno error, string message)
        : base(message)
    {
        Error = error;
    }

    public TeamException()
        : this(Errno.EINVAL, "Team operation failed.")
    {
    }

    public TeamException(string message)
        : this(Errno.EINVAL, message)
    {
    }

    public TeamException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = Errno.EINVAL;
    }

    public Errno Error { get; }
}
