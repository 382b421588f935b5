namespace NetTeam.Bpf.Asm;

public sealed partial class Assembler
{
    /// <summary>dst = dst op imm, 64-bit (BPF_ALU64 | op | BPF_K); the immediate is sign-extended.</summary>
    public void Alu64(AluOp op, Register dst, int imm) => AluImmediate(OpCodes.ClassAlu64, op, dst, imm, 64);

    /// <summary>dst = dst op src, 64-bit (BPF_ALU64 | op | BPF_X).</summary>
    public void Alu64(AluOp op, Register dst, Register src) => AluRegister(OpCodes.ClassAlu64, op, dst, src);

    /// <summary>dst = (u32)(dst op imm): the result's upper 32 bits are zero (BPF_ALU | op | BPF_K).</summary>
    public void Alu32(AluOp op, Register dst, int imm) => AluImmediate(OpCodes.ClassAlu, op, dst, imm, 32);

    /// <summary>dst = (u32)(dst op src) (BPF_ALU | op | BPF_X).</summary>
    public void Alu32(AluOp op, Register dst, Register src) => AluRegister(OpCodes.ClassAlu, op, dst, src);

    public void Mov64(Register dst, int imm) => Alu64(AluOp.Mov, dst, imm);

    public void Mov64(Register dst, Register src) => Alu64(AluOp.Mov, dst, src);

    public void Mov32(Register dst, int imm) => Alu32(AluOp.Mov, dst, imm);

    public void Mov32(Register dst, Register src) => Alu32(AluOp.Mov, dst, src);

    /// <summary>dst = -dst, 64-bit.</summary>
    public void Neg64(Register dst)
    {
        CheckWritable(dst);
        Emit(OpCodes.ClassAlu64 | OpCodes.Neg, dst, Register.R0, 0, 0);
    }

    /// <summary>dst = (u32)-dst.</summary>
    public void Neg32(Register dst)
    {
        CheckWritable(dst);
        Emit(OpCodes.ClassAlu | OpCodes.Neg, dst, Register.R0, 0, 0);
    }

    /// <summary>
    /// dst = htobe16/32/64(dst), the low <paramref name="bits"/> zero-extended (BPF_ALU | BPF_END | BPF_TO_BE).
    /// On little-endian hosts this swaps a big-endian (network order) field into host order and back.
    /// </summary>
    public void ToBigEndian(Register dst, int bits) => Endian(OpCodes.ClassAlu | OpCodes.End | OpCodes.SourceRegister, dst, bits);

    /// <summary>dst = htole16/32/64(dst) (BPF_ALU | BPF_END | BPF_TO_LE): on little-endian hosts only the truncation.</summary>
    public void ToLittleEndian(Register dst, int bits) => Endian(OpCodes.ClassAlu | OpCodes.End, dst, bits);

    /// <summary>dst = bswap16/32/64(dst), unconditionally (BPF_ALU64 | BPF_END, Linux 6.6 / ISA v4).</summary>
    public void ByteSwap(Register dst, int bits) => Endian(OpCodes.ClassAlu64 | OpCodes.End, dst, bits);

    private void AluImmediate(byte cls, AluOp op, Register dst, int imm, int width)
    {
        CheckWritable(dst);
        if (op is AluOp.Lsh or AluOp.Rsh or AluOp.Arsh && (imm < 0 || imm >= width))
        {
            throw new ArgumentOutOfRangeException(nameof(imm), imm, $"A {width}-bit shift takes 0..{width - 1}.");
        }
        if (op is AluOp.Div or AluOp.Mod && imm == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(imm), imm, "Division by the constant 0.");
        }
        Emit((byte)(cls | (byte)op | OpCodes.SourceImmediate), dst, Register.R0, 0, imm);
    }

    private void AluRegister(byte cls, AluOp op, Register dst, Register src)
    {
        CheckWritable(dst);
        CheckRegister(src);
        Emit((byte)(cls | (byte)op | OpCodes.SourceRegister), dst, src, 0, 0);
    }

    private void Endian(int opCode, Register dst, int bits)
    {
        CheckWritable(dst);
        if (bits is not (16 or 32 or 64))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "Byte swaps are 16, 32 or 64 bits wide.");
        }
        Emit((byte)opCode, dst, Register.R0, 0, bits);
    }
}
