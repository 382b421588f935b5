using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct ifinfomsg (rtnetlink(7)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IfInfoMsg
{
    public byte Family;
    public byte Pad;
    public ushort Type;
    public int Index;
    public uint Flags;
    public uint Change;
}
