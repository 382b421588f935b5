using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>union bpf_attr's BPF_OBJ_PIN / BPF_OBJ_GET member (linux/bpf.h); path_fd (6.5) is left 0.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ObjAttr
{
    public ulong Pathname;
    public uint BpfFd;
    public uint FileFlags;
    public int PathFd;
    private readonly uint _pad;
}
