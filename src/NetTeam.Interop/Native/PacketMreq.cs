using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct packet_mreq (packet(7) PACKET_ADD_MEMBERSHIP).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct PacketMreq
{
    public int IfIndex;
    public ushort Type;
    public ushort ALen;
    public fixed byte Address[8];
}
