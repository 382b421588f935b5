namespace NetTeam.Interop;

/// <summary>An epoll instance (epoll(7)).</summary>
public sealed unsafe class Epoll : IDisposable
{
    private const int EPOLL_CTL_ADD = 1;
    private const int EPOLL_CTL_DEL = 2;
    private const int EPOLL_CTL_MOD = 3;

    private readonly FileDescriptorHandle _handle;

    private Epoll(FileDescriptorHandle handle) => _handle = handle;

    public static Errno Create(out Epoll? epoll)
    {
        int fd = Libc.EpollCreate1(Libc.O_CLOEXEC);
        if (fd < 0)
        {
            epoll = null;
            return Errno.FromLastError();
        }
        epoll = new Epoll(new FileDescriptorHandle(fd));
        return Errno.Success;
    }

    public Errno Add(int fd, EpollFlags events, ulong data) => Control(EPOLL_CTL_ADD, fd, events, data);

    public Errno Modify(int fd, EpollFlags events, ulong data) => Control(EPOLL_CTL_MOD, fd, events, data);

    public Errno Remove(int fd) => Control(EPOLL_CTL_DEL, fd, EpollFlags.None, 0);

    private Errno Control(int op, int fd, EpollFlags events, ulong data)
    {
        EpollEvent ev = new() { Events = (uint)events, Data = data };
        return Libc.EpollCtl(_handle.Fd, op, fd, &ev) < 0 ? Errno.FromLastError() : Errno.Success;
    }

    /// <summary>epoll_wait; an interrupted wait (EINTR) returns 0 with success.</summary>
    public int Wait(Span<EpollEvent> events, int timeoutMs, out Errno error)
    {
        fixed (EpollEvent* p = events)
        {
            int n = Libc.EpollWait(_handle.Fd, p, events.Length, timeoutMs);
            if (n < 0)
            {
                error = Errno.FromLastError();
                if (error == Errno.EINTR)
                {
                    error = Errno.Success;
                    return 0;
                }
                return -1;
            }
            error = Errno.Success;
            return n;
        }
    }

    public void Dispose() => _handle.Dispose();
}
