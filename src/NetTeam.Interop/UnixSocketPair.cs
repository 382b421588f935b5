using System.Net.Sockets;

namespace NetTeam.Interop;

/// <summary>
/// Two connected AF_UNIX sockets (socketpair(2)): a client and a server in one process with no path in the
/// file system, as Tmds.DBus pairs its connections. .NET can wrap such a descriptor but has no call to make one.
/// </summary>
public static unsafe class UnixSocketPair
{
    /// <summary>A connected pair of <paramref name="type"/> sockets, close-on-exec; throws when the kernel refuses (EMFILE, or a type AF_UNIX lacks).</summary>
    public static (Socket First, Socket Second) Create(SocketType type)
    {
        // SocketType's values are Linux's SOCK_* numbers (SOCK_STREAM 1, SOCK_DGRAM 2, SOCK_SEQPACKET 5).
        int* fds = stackalloc int[2];
        if (Libc.SocketPair(Libc.AF_UNIX, (int)type | Libc.SOCK_CLOEXEC, 0, fds) != 0)
        {
            throw new InvalidOperationException($"Cannot make a {type} socket pair: {Errno.FromLastError().Message}");
        }
        SafeSocketHandle firstHandle = new(fds[0], ownsHandle: true);
        SafeSocketHandle secondHandle = new(fds[1], ownsHandle: true);
        try
        {
            Socket first = new(firstHandle);
            try
            {
                return (first, new Socket(secondHandle));
            }
            catch
            {
                first.Dispose();
                throw;
            }
        }
        catch
        {
            // Disposing a handle twice closes it once.
            firstHandle.Dispose();
            secondHandle.Dispose();
            throw;
        }
    }
}
