using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>union bpf_attr's BPF_*_GET_FD_BY_ID member (linux/bpf.h): map_id, next_id, open_flags.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GetFdByIdAttr
{
    public uint Id;
    public uint NextId;
    public uint OpenFlags;
}
