using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct ethtool_drvinfo (linux/ethtool.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct EthtoolDrvInfo
{
    public uint Cmd;
    public fixed byte Driver[32];
    public fixed byte Version[32];
    public fixed byte FwVersion[32];
    public fixed byte BusInfo[32];
    public fixed byte EromVersion[32];
    public fixed byte Reserved2[12];
    public uint NPrivFlags;
    public uint NStats;
    public uint TestInfoLen;
    public uint EedumpLen;
    public uint RegdumpLen;
}
