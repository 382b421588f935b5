using System.Globalization;
using System.Runtime.InteropServices;

namespace NetTeam.Interop;

/// <summary>An errno value: how every interop call reports failure, without exceptions (errno(3)).</summary>
public readonly struct Errno : IEquatable<Errno>
{
    public Errno(int code) => Code = code;

    public int Code { get; }

    public bool IsSuccess => Code == 0;

    public static Errno Success => default;

    public static readonly Errno EPERM = new(1);
    public static readonly Errno ENOENT = new(2);
    public static readonly Errno ESRCH = new(3);
    public static readonly Errno EINTR = new(4);
    public static readonly Errno EAGAIN = new(11);
    public static readonly Errno EBUSY = new(16);
    public static readonly Errno EEXIST = new(17);
    public static readonly Errno ENODEV = new(19);
    public static readonly Errno EINVAL = new(22);
    public static readonly Errno EMSGSIZE = new(90);
    public static readonly Errno EOPNOTSUPP = new(95);
    public static readonly Errno ENOBUFS = new(105);
    public static readonly Errno ETIMEDOUT = new(110);

    /// <summary>
    /// The symbolic name, as errno(3) lists it ("ENOENT", "EBUSY"), for the codes NetTeam meets; "E" and the
    /// number for any other. The control socket reports a refused team operation under this name.
    /// </summary>
    public string Name => Code switch
    {
        1 => "EPERM",
        2 => "ENOENT",
        3 => "ESRCH",
        4 => "EINTR",
        11 => "EAGAIN",
        16 => "EBUSY",
        17 => "EEXIST",
        19 => "ENODEV",
        22 => "EINVAL",
        90 => "EMSGSIZE",
        95 => "EOPNOTSUPP",
        105 => "ENOBUFS",
        110 => "ETIMEDOUT",
        _ => "E" + Code.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The errno of the last P/Invoke declared with SetLastError.</summary>
    public static Errno FromLastError() => new(Marshal.GetLastPInvokeError());

    /// <summary>strerror(3) text, e.g. "No such device".</summary>
    public string Message => Code == 0 ? "Success" : Marshal.GetPInvokeErrorMessage(Code);

    public override string ToString() => Code == 0 ? "Success" : $"errno {Code} ({Message})";

    public bool Equals(Errno other) => Code == other.Code;

    public override bool Equals(object? obj) => obj is Errno other && Equals(other);

    public override int GetHashCode() => Code;

    public static bool operator ==(Errno left, Errno right) => left.Code == right.Code;

    public static bool operator !=(Errno left, Errno right) => left.Code != right.Code;
}
