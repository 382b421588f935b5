using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct msghdr (recvmsg(2)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}
