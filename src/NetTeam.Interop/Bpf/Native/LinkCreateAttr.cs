using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>
/// union bpf_attr's BPF_LINK_CREATE member, <c>link_create</c>, with its tcx tail (Linux 6.6, after Debian's
/// 6.1 headers): relative_fd (or relative_id) at 16 and expected_revision at 24.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LinkCreateAttr
{
    public uint ProgFd;
    public uint TargetIfIndex;
    public uint AttachType;
    public uint Flags;
    public uint RelativeFd;
    private readonly uint _pad;
    public ulong ExpectedRevision;
}
