using NetTeam.Interop;

namespace NetTeam.Bpf;

/// <summary>
/// The outcome of a bpf(2) object operation (create, load, attach, pin, open) as a value: the errno, what
/// was being done, and, for a program the verifier refused, the verifier's log.
/// </summary>
public readonly struct BpfError
{
    public BpfError(Errno errno, string operation, string? verifierLog = null)
    {
        Errno = errno;
        Operation = operation;
        VerifierLog = verifierLog;
    }

    public static BpfError Success => default;

    public Errno Errno { get; }

    public string? Operation { get; }

    /// <summary>The verifier's log (log_level 1) when a program load failed, else null.</summary>
    public string? VerifierLog { get; }

    public bool IsSuccess => Errno.IsSuccess;

    public string Message
    {
        get
        {
            if (IsSuccess)
            {
                return "Success";
            }
            string text = $"{Operation}: {Errno.Message}";
            return string.IsNullOrEmpty(VerifierLog) ? text : $"{text}\nverifier log:\n{VerifierLog}";
        }
    }

    /// <summary>Throws <see cref="BpfException"/> for callers at an API boundary that treat a failure as a refusal.</summary>
    public void ThrowIfFailed()
    {
        if (!IsSuccess)
        {
            throw new BpfException(this);
        }
    }

    public override string ToString() => Message;
}
