using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct nlmsghdr (netlink(7)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NlMsgHdr
{
    public uint Length;
    public ushort Type;
    public ushort Flags;
    public uint Sequence;
    public uint Pid;
}
