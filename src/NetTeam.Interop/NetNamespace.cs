namespace NetTeam.Interop;

/// <summary>A network namespace, entered per thread with setns(2) (CLONE_NEWNET).</summary>
public sealed unsafe class NetNamespace : IDisposable
{
    private readonly FileDescriptorHandle _handle;

    private NetNamespace(FileDescriptorHandle handle)
    {
        _handle = handle;
        byte* stat = stackalloc byte[256];
        // struct stat on x86_64: st_dev (8 bytes) then st_ino (8 bytes).
        Inode = Libc.FStat(handle.Fd, stat) == 0 ? *(ulong*)(stat + 8) : 0;
    }

    /// <summary>The namespace's inode number, its identity.</summary>
    public ulong Inode { get; }

    /// <summary>Opens a named namespace as iproute2 creates it (/run/netns/NAME).</summary>
    public static Errno Open(string name, out NetNamespace? ns) => OpenPath(Path.Combine("/run/netns", name), out ns);

    /// <summary>The calling thread's current namespace.</summary>
    public static NetNamespace Current()
    {
        Errno err = OpenPath("/proc/thread-self/ns/net", out NetNamespace? ns);
        return err.IsSuccess ? ns! : throw new InvalidOperationException($"Cannot open this thread's network namespace: {err.Message}");
    }

    private static Errno OpenPath(string path, out NetNamespace? ns)
    {
        int fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            ns = null;
            return Errno.FromLastError();
        }
        ns = new NetNamespace(new FileDescriptorHandle(fd));
        return Errno.Success;
    }

    /// <summary>
    /// Moves the calling thread into this namespace until the scope is disposed. Only synchronous code
    /// belongs inside the scope: an await could resume on another thread.
    /// </summary>
    public Errno Enter(out NetNamespaceScope scope)
    {
        scope = default;
        Errno err = OpenPath("/proc/thread-self/ns/net", out NetNamespace? previous);
        if (!err.IsSuccess)
        {
            return err;
        }
        if (Libc.SetNs(_handle.Fd, Libc.CLONE_NEWNET) < 0)
        {
            err = Errno.FromLastError();
            previous!.Dispose();
            return err;
        }
        scope = new NetNamespaceScope(previous!);
        return Errno.Success;
    }

    internal Errno Reenter() => Libc.SetNs(_handle.Fd, Libc.CLONE_NEWNET) < 0 ? Errno.FromLastError() : Errno.Success;

    public void Dispose() => _handle.Dispose();
}
