namespace NetTeam.Interop;

/// <summary>
/// read/write/send/recv on plain descriptors for hot paths: no SafeHandle reference counting per call,
/// no allocation. The caller keeps the descriptor alive (DangerousAddRef on its SafeHandle).
/// </summary>
public static unsafe class RawIo
{
    /// <summary>MSG_DONTWAIT.</summary>
    public const int DontWait = 0x40;

    public static int Read(int fd, Span<byte> buffer, out Errno error)
    {
        fixed (byte* p = buffer)
        {
            return Result(Libc.Read(fd, p, (nuint)buffer.Length), out error);
        }
    }

    public static int Write(int fd, ReadOnlySpan<byte> buffer, out Errno error)
    {
        fixed (byte* p = buffer)
        {
            return Result(Libc.Write(fd, p, (nuint)buffer.Length), out error);
        }
    }

    public static int Send(int fd, ReadOnlySpan<byte> buffer, int flags, out Errno error)
    {
        fixed (byte* p = buffer)
        {
            return Result(Libc.Send(fd, p, (nuint)buffer.Length, flags), out error);
        }
    }

    public static int Recv(int fd, Span<byte> buffer, int flags, out Errno error)
    {
        fixed (byte* p = buffer)
        {
            return Result(Libc.Recv(fd, p, (nuint)buffer.Length, flags), out error);
        }
    }

    /// <summary>Sets or clears O_NONBLOCK (fcntl(2)).</summary>
    public static Errno SetNonBlocking(int fd, bool on)
    {
        int flags = Libc.Fcntl(fd, Libc.F_GETFL, 0);
        if (flags < 0)
        {
            return Errno.FromLastError();
        }
        flags = on ? flags | Libc.O_NONBLOCK : flags & ~Libc.O_NONBLOCK;
        return Libc.Fcntl(fd, Libc.F_SETFL, flags) < 0 ? Errno.FromLastError() : Errno.Success;
    }

    private static int Result(nint n, out Errno error)
    {
        if (n < 0)
        {
            error = Errno.FromLastError();
            return -1;
        }
        error = Errno.Success;
        return (int)n;
    }
}
