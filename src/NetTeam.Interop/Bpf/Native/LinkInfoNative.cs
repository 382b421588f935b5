using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>
/// struct bpf_link_info (linux/bpf.h): type, id, prog_id, then a union at offset 16 whose tcx member
/// (Linux 6.6, after Debian's 6.1 headers) is { ifindex, attach_type }, the same place as netns's
/// { netns_ino, attach_type }.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct LinkInfoNative
{
    [FieldOffset(0)]
    public uint Type;

    [FieldOffset(4)]
    public uint Id;

    [FieldOffset(8)]
    public uint ProgId;

    [FieldOffset(16)]
    public uint TcxIfIndex;

    [FieldOffset(20)]
    public uint TcxAttachType;
}
