using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>struct bpf_map_info (linux/bpf.h) as Linux 6.1 has it; newer kernels copy only this much.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MapInfoNative
{
    public uint Type;
    public uint Id;
    public uint KeySize;
    public uint ValueSize;
    public uint MaxEntries;
    public uint MapFlags;
    public fixed byte Name[BpfObjectName.Length];
    public uint IfIndex;
    public uint BtfVmlinuxValueTypeId;
    public ulong NetnsDev;
    public ulong NetnsIno;
    public uint BtfId;
    public uint BtfKeyTypeId;
    public uint BtfValueTypeId;
    private readonly uint _pad;
    public ulong MapExtra;
}
