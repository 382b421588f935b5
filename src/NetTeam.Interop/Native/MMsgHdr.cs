using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct mmsghdr (recvmmsg(2)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MMsgHdr
{
    public MsgHdr Header;
    public uint Length;
}
