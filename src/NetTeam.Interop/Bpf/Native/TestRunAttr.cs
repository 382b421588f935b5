using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>union bpf_attr's BPF_PROG_TEST_RUN member, <c>test</c> (linux/bpf.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TestRunAttr
{
    public uint ProgFd;
    public uint Retval;
    public uint DataSizeIn;
    public uint DataSizeOut;
    public ulong DataIn;
    public ulong DataOut;
    public uint Repeat;
    public uint Duration;
    public uint CtxSizeIn;
    public uint CtxSizeOut;
    public ulong CtxIn;
    public ulong CtxOut;
    public uint Flags;
    public uint Cpu;
    public uint BatchSize;
    private readonly uint _pad;
}
