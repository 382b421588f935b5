using System.Runtime.InteropServices;

namespace NetTeam.Daemon;

/// <summary>The few libc calls the daemon itself needs.</summary>
internal static partial class Syscall
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
