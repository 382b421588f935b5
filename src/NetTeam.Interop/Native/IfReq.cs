using System.Runtime.InteropServices;

namespace NetTeam.Interop.Native;

/// <summary>struct ifreq (netdevice(7)): a 16-byte name and a 24-byte union (flags, or a data pointer).</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal unsafe struct IfReq
{
    [FieldOffset(0)]
    public fixed byte Name[16];

    [FieldOffset(16)]
    public short Flags;

    [FieldOffset(16)]
    public void* Data;

    public void SetName(string name)
    {
        int n = System.Text.Encoding.UTF8.GetBytes(name, new Span<byte>(System.Runtime.CompilerServices.Unsafe.AsPointer(ref Name[0]), 15));
        Name[n] = 0;
    }
}
