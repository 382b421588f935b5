using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>union bpf_attr's BPF_OBJ_GET_INFO_BY_FD member, <c>info</c> (linux/bpf.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct InfoAttr
{
    public uint BpfFd;
    public uint InfoLen;
    public ulong Info;
}
