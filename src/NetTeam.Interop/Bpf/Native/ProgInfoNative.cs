using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>
/// struct bpf_prog_info (linux/bpf.h, 232 bytes in Linux 6.1): only the members NetTeam reads are named;
/// the kernel fills the rest of the buffer, which stays zero on the way in as the kernel requires.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 232)]
internal unsafe struct ProgInfoNative
{
    [FieldOffset(0)]
    public uint Type;

    [FieldOffset(4)]
    public uint Id;

    [FieldOffset(8)]
    public fixed byte Tag[8];

    [FieldOffset(16)]
    public uint JitedProgLen;

    [FieldOffset(20)]
    public uint XlatedProgLen;

    [FieldOffset(40)]
    public ulong LoadTime;

    [FieldOffset(52)]
    public uint NrMapIds;

    [FieldOffset(64)]
    public fixed byte Name[BpfObjectName.Length];

    [FieldOffset(200)]
    public ulong RunCnt;

    [FieldOffset(216)]
    public uint VerifiedInsns;
}
