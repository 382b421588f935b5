using NetTeam.Interop;

namespace NetTeam.Device;

/// <summary>
/// The outcome of a team operation as a value: success, or the errno the kernel's team driver returns for the
/// same case (teamd-spec §1) and a message naming what was refused. This is how option setters, the port API
/// and runners talk; <see cref="TeamException"/> carries the same pair across an API boundary.
/// </summary>
public readonly record struct TeamResult(Errno Error, string? Message)
{
    public static TeamResult Ok => new(Errno.Success, null);

    public bool IsSuccess => Error.IsSuccess;

    public static TeamResult Fail(Errno error, string message) => new(error, message);

    /// <summary>Turns a refusal into a <see cref="TeamException"/>, for callers at an API boundary.</summary>
    public void ThrowIfFailed()
    {
        if (!IsSuccess)
        {
            throw new TeamException(Error, Message ?? Error.Message);
        }
    }
}
