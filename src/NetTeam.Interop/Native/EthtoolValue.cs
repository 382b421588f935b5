using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct ethtool_value (linux/ethtool.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EthtoolValue
{
    public uint Cmd;
    public uint Data;
}
