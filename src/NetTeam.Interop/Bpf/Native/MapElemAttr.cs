using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>
/// union bpf_attr's BPF_MAP_*_ELEM member (linux/bpf.h): <see cref="Value"/> is next_key for
/// BPF_MAP_GET_NEXT_KEY. Pointers travel as 64-bit integers (__aligned_u64).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MapElemAttr
{
    public uint MapFd;
    private readonly uint _pad;
    public ulong Key;
    public ulong Value;
    public ulong Flags;
}
