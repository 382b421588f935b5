namespace NetTeam.Interop;

/// <summary>Signals sent to another process, as teamd -k sends its SIGTERM (kill(2)).</summary>
public static class ProcessSignal
{
    /// <summary>SIGTERM to <paramref name="pid"/>: ESRCH when no such process, EPERM when it is not ours to signal.</summary>
    public static Errno Terminate(int pid) => Libc.Kill(pid, Libc.SIGTERM) == 0 ? Errno.Success : Errno.FromLastError();
}
