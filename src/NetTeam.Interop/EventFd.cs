namespace NetTeam.Interop;

/// <summary>A non-blocking eventfd (eventfd(2)) used to wake event loops.</summary>
public sealed unsafe class EventFd : IDisposable
{
    private const int EFD_NONBLOCK = 0x800;
    private const int EFD_CLOEXEC = 0x80000;

    private readonly FileDescriptorHandle _handle;

    private EventFd(FileDescriptorHandle handle) => _handle = handle;

    public int Fd => _handle.Fd;

    public static Errno Create(out EventFd? eventFd)
    {
        int fd = Libc.EventFd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (fd < 0)
        {
            eventFd = null;
            return Errno.FromLastError();
        }
        eventFd = new EventFd(new FileDescriptorHandle(fd));
        return Errno.Success;
    }

    public Errno Signal()
    {
        ulong one = 1;
        return Libc.Write(_handle.Fd, (byte*)&one, sizeof(ulong)) < 0 ? Errno.FromLastError() : Errno.Success;
    }

    /// <summary>Clears the counter: one read resets it whole (eventfd(2), without EFD_SEMAPHORE).</summary>
    public void Drain()
    {
        ulong value;
        _ = Libc.Read(_handle.Fd, (byte*)&value, sizeof(ulong));
    }

    public void Dispose() => _handle.Dispose();
}
