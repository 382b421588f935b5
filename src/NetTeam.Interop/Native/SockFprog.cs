using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct sock_fprog: a classic BPF program for SO_ATTACH_FILTER (linux/filter.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockFprog
{
    public ushort Length;
    public SockFilter* Filter;
}
