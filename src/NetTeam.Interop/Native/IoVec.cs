using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct iovec (readv(2)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}
