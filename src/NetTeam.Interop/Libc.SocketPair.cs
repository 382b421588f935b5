using System.Runtime.InteropServices;

namespace NetTeam.Interop;

internal static unsafe partial class Libc
{
    public const int AF_UNIX = 1;

    [LibraryImport(Lib, EntryPoint = "socketpair", SetLastError = true)]
    public static partial int SocketPair(int domain, int type, int protocol, int* fds);
}
