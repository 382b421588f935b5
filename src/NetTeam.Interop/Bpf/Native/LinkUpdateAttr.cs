using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>union bpf_attr's BPF_LINK_UPDATE member, <c>link_update</c> (linux/bpf.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LinkUpdateAttr
{
    public uint LinkFd;
    public uint NewProgFd;
    public uint Flags;
    public uint OldProgFd;
}
