using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>
/// union bpf_attr's BPF_PROG_QUERY member, <c>query</c> (linux/bpf.h). For tcx, target_fd is the ifindex;
/// link_ids, link_attach_flags and revision arrived with tcx in Linux 6.6, after Debian's 6.1 headers.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct QueryAttr
{
    public uint TargetFd;
    public uint AttachType;
    public uint QueryFlags;
    public uint AttachFlags;
    public ulong ProgIds;
    public uint ProgCnt;
    private readonly uint _pad;
    public ulong ProgAttachFlags;
    public ulong LinkIds;
    public ulong LinkAttachFlags;
    public ulong Revision;
}
