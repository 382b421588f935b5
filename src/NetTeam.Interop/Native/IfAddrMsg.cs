using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct ifaddrmsg (rtnetlink(7)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IfAddrMsg
{
    public byte Family;
    public byte PrefixLength;
    public byte Flags;
    public byte Scope;
    public int Index;
}
