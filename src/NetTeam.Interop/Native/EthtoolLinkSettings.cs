using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct ethtool_link_settings (linux/ethtool.h, ETHTOOL_GLINKSETTINGS) without its trailing masks.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct EthtoolLinkSettings
{
    public uint Cmd;
    public uint Speed;
    public byte Duplex;
    public byte Port;
    public byte PhyAddress;
    public byte Autoneg;
    public byte MdioSupport;
    public byte EthTpMdix;
    public byte EthTpMdixCtrl;
    public sbyte LinkModeMasksNwords;
    public byte Transceiver;
    public byte MasterSlaveCfg;
    public byte MasterSlaveState;
    public byte RateMatching;
    public fixed uint Reserved[7];
}
