using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct cmsghdr (cmsg(3)); the data follows, aligned to sizeof(size_t).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CmsgHdr
{
    public nuint Length;
    public int Level;
    public int Type;
}
