namespace NetTeam.Bpf.Asm;

public sealed partial class Assembler
{
    /// <summary>
    /// Copies <paramref name="length"/> bytes at <paramref name="offset"/> of the frame into the stack at
    /// fp + <paramref name="stackOffset"/> with bpf_skb_load_bytes, and jumps to <paramref name="tooShort"/>
    /// when the frame ends before them. The helper checks the bounds at run time, so the program needs no
    /// direct packet pointers and no data_end comparisons for the verifier to follow. Clobbers R0-R5;
    /// <paramref name="skb"/> must be a callee-saved register (R6-R9) holding the context.
    /// </summary>
    public void LoadPacketBytes(Register skb, int offset, short stackOffset, int length, string tooShort)
    {
        CheckSkb(skb);
        CheckStack(stackOffset, length);
        Mov64(Register.R2, offset);
        CallLoadBytes(skb, stackOffset, length, tooShort);
    }

    /// <summary>As <see cref="LoadPacketBytes(Register, int, short, int, string)"/>, at <paramref name="offset"/> + <paramref name="addend"/>.</summary>
    public void LoadPacketBytes(Register skb, Register offset, int addend, short stackOffset, int length, string tooShort)
    {
        CheckSkb(skb);
        CheckStack(stackOffset, length);
        CheckRegister(offset);
        if (offset == Register.R10)
        {
            throw new ArgumentException("A packet offset is a scalar, not the frame pointer.", nameof(offset));
        }
        // R2 first: the offset may sit in one of the argument registers set below.
        if (offset != Register.R2)
        {
            Mov64(Register.R2, offset);
        }
        if (addend != 0)
        {
            Alu64(AluOp.Add, Register.R2, addend);
        }
        CallLoadBytes(skb, stackOffset, length, tooShort);
    }

    /// <summary>
    /// dst = the big-endian (network order) field of <paramref name="width"/> at <paramref name="offset"/>,
    /// in host order, read through the stack at fp + <paramref name="stackOffset"/>; jumps to
    /// <paramref name="tooShort"/> when the frame ends before the field. Clobbers R0-R5 (dst may be one of them).
    /// </summary>
    public void LoadPacket(Width width, Register dst, Register skb, int offset, short stackOffset, string tooShort)
    {
        LoadPacketBytes(skb, offset, stackOffset, WidthBytes(width), tooShort);
        LoadNetworkOrder(width, dst, stackOffset);
    }

    /// <summary>As <see cref="LoadPacket(Width, Register, Register, int, short, string)"/>, at <paramref name="offset"/> + <paramref name="addend"/>.</summary>
    public void LoadPacket(Width width, Register dst, Register skb, Register offset, int addend, short stackOffset, string tooShort)
    {
        LoadPacketBytes(skb, offset, addend, stackOffset, WidthBytes(width), tooShort);
        LoadNetworkOrder(width, dst, stackOffset);
    }

    /// <summary>dst = the big-endian field of <paramref name="width"/> at fp + <paramref name="stackOffset"/>, in host order.</summary>
    public void LoadNetworkOrder(Width width, Register dst, short stackOffset)
    {
        Load(width, dst, Register.R10, stackOffset);
        if (width != Width.Byte)
        {
            ToBigEndian(dst, WidthBytes(width) * 8);
        }
    }

    public static int WidthBytes(Width width) => width switch
    {
        Width.Byte => 1,
        Width.Half => 2,
        Width.Word => 4,
        Width.DWord => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, null),
    };

    private void CallLoadBytes(Register skb, short stackOffset, int length, string tooShort)
    {
        // long bpf_skb_load_bytes(const void *skb, u32 offset, void *to, u32 len)
        Mov64(Register.R1, skb);
        Mov64(Register.R3, Register.R10);
        Alu64(AluOp.Add, Register.R3, stackOffset);
        Mov64(Register.R4, length);
        Call(Helper.SkbLoadBytes);
        Jump(JumpOp.Ne, Register.R0, 0, tooShort);
    }

    private static void CheckSkb(Register skb)
    {
        if (skb is < Register.R6 or > Register.R9)
        {
            throw new ArgumentException("The context must live in R6-R9: helper calls clobber R1-R5.", nameof(skb));
        }
    }
}
