namespace NetTeam.Interop.Bpf;

/// <summary>The errno values bpf(2) reports that <see cref="Errno"/> does not name (asm-generic/errno*.h).</summary>
public static class BpfErrno
{
    public static readonly Errno ESRCH = new(3);
    public static readonly Errno E2BIG = new(7);
    public static readonly Errno EBADF = new(9);
    public static readonly Errno EACCES = new(13);
    public static readonly Errno EFAULT = new(14);
    public static readonly Errno ENOSPC = new(28);
    public static readonly Errno ENOSYS = new(38);
    public static readonly Errno ENOLINK = new(67);
}
