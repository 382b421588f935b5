using System.Runtime.InteropServices;

namespace NetTeam.Interop;

/// <summary>Signals to other processes (kill(2)).</summary>
internal static partial class Libc
{
    public const int SIGTERM = 15;

    [LibraryImport(Lib, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
