using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct tpacket_auxdata: the PACKET_AUXDATA control message (packet(7)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TpacketAuxdata
{
    public uint Status;
    public uint Length;
    public uint SnapLength;
    public ushort Mac;
    public ushort Net;
    public ushort VlanTci;
    public ushort VlanTpid;
}
