using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct sockaddr_nl (netlink(7)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SockaddrNl
{
    public ushort Family;
    public ushort Pad;
    public uint Pid;
    public uint Groups;
}
