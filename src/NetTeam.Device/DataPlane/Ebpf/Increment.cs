using NetTeam.Bpf.Asm;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>One counter to add to: by one (a packet) or by skb->len (bytes), optionally only when a register is non-zero.</summary>
internal readonly record struct Increment(short Offset, bool ByLength = false, Register? OnlyIf = null)
{
    public static Increment Packets(short offset) => new(offset);

    public static Increment Bytes(short offset) => new(offset, ByLength: true);
}
