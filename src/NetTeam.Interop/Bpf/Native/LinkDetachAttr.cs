using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>union bpf_attr's BPF_LINK_DETACH member, <c>link_detach</c> (linux/bpf.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LinkDetachAttr
{
    public uint LinkFd;
}
