using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct rtattr (rtnetlink(7)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RtAttr
{
    public ushort Length;
    public ushort Type;
}
