using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct sock_filter: one classic BPF instruction (linux/filter.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockFilter
{
    public ushort Code;
    public byte JumpTrue;
    public byte JumpFalse;
    public uint K;
}
