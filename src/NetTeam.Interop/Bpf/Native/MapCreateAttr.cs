using System.Runtime.InteropServices;

namespace NetTeam.Interop.Bpf.Native;

/// <summary>union bpf_attr's BPF_MAP_CREATE member (linux/bpf.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MapCreateAttr
{
    public uint MapType;
    public uint KeySize;
    public uint ValueSize;
    public uint MaxEntries;
    public uint MapFlags;
    public uint InnerMapFd;
    public uint NumaNode;
    public fixed byte MapName[BpfObjectName.Length];
    public uint MapIfIndex;
    public uint BtfFd;
    public uint BtfKeyTypeId;
    public uint BtfValueTypeId;
    public uint BtfVmlinuxValueTypeId;
    public ulong MapExtra;
}
