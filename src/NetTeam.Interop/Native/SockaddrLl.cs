using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct sockaddr_ll (packet(7)); sll_protocol is in network byte order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct SockaddrLl
{
    public ushort Family;
    public ushort Protocol;
    public int IfIndex;
    public ushort HaType;
    public byte PktType;
    public byte HaLen;
    public fixed byte Addr[8];
}
