using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct ethtool_cmd (linux/ethtool.h, legacy ETHTOOL_GSET).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct EthtoolCmd
{
    public uint Cmd;
    public uint Supported;
    public uint Advertising;
    public ushort Speed;
    public byte Duplex;
    public byte Port;
    public byte PhyAddress;
    public byte Transceiver;
    public byte Autoneg;
    public byte MdioSupport;
    public uint MaxTxPkt;
    public uint MaxRxPkt;
    public ushort SpeedHi;
    public byte EthTpMdix;
    public byte EthTpMdixCtrl;
    public uint LpAdvertising;
    public fixed uint Reserved[2];
}
