using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>
/// union bpf_attr's BPF_PROG_LOAD member (linux/bpf.h). <see cref="LogTrueSize"/> arrived in Linux 6.4
/// (after Debian's 6.1 headers): the log size the verifier needed, so a too-small buffer can be regrown once.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ProgLoadAttr
{
    public uint ProgType;
    public uint InsnCnt;
    public ulong Insns;
    public ulong License;
    public uint LogLevel;
    public uint LogSize;
    public ulong LogBuf;
    public uint KernVersion;
    public uint ProgFlags;
    public fixed byte ProgName[BpfObjectName.Length];
    public uint ProgIfIndex;
    public uint ExpectedAttachType;
    public uint ProgBtfFd;
    public uint FuncInfoRecSize;
    public ulong FuncInfo;
    public uint FuncInfoCnt;
    public uint LineInfoRecSize;
    public ulong LineInfo;
    public uint LineInfoCnt;
    public uint AttachBtfId;
    public uint AttachProgFd;
    public uint CoreReloCnt;
    public ulong FdArray;
    public ulong CoreRelos;
    public uint CoreReloRecSize;
    public uint LogTrueSize;
}
