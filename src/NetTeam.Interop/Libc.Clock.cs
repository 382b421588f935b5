using System.Runtime.InteropServices;

namespace NetTeam.Interop;

/// <summary>Clocks (clock_gettime(2)).</summary>
internal static partial class Libc
{
    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport(Lib, EntryPoint = "clock_gettime", SetLastError = true)]
    public static partial int ClockGetTime(int clockId, out Timespec time);
}
