namespace NetTeam.Bpf.Asm;

public sealed partial class Assembler
{
    /// <summary>goto target (BPF_JMP | BPF_JA).</summary>
    public void Jump(string target) => EmitJump(OpCodes.ClassJmp | OpCodes.Ja, Register.R0, Register.R0, 0, target);

    /// <summary>if (dst op imm) goto target, comparing 64 bits with the sign-extended immediate.</summary>
    public void Jump(JumpOp op, Register dst, int imm, string target) =>
        EmitJump((byte)(OpCodes.ClassJmp | (byte)op | OpCodes.SourceImmediate), dst, Register.R0, imm, target);

    /// <summary>if (dst op src) goto target, 64-bit.</summary>
    public void Jump(JumpOp op, Register dst, Register src, string target) =>
        EmitJump((byte)(OpCodes.ClassJmp | (byte)op | OpCodes.SourceRegister), dst, src, 0, target);

    /// <summary>if ((u32)dst op (u32)imm) goto target (BPF_JMP32).</summary>
    public void Jump32(JumpOp op, Register dst, int imm, string target) =>
        EmitJump((byte)(OpCodes.ClassJmp32 | (byte)op | OpCodes.SourceImmediate), dst, Register.R0, imm, target);

    /// <summary>if ((u32)dst op (u32)src) goto target (BPF_JMP32).</summary>
    public void Jump32(JumpOp op, Register dst, Register src, string target) =>
        EmitJump((byte)(OpCodes.ClassJmp32 | (byte)op | OpCodes.SourceRegister), dst, src, 0, target);

    /// <summary>R0 = helper(R1, ..., R5); R1-R5 are clobbered (BPF_JMP | BPF_CALL, imm = helper id).</summary>
    public void Call(Helper helper) => Emit(OpCodes.ClassJmp | OpCodes.Call, Register.R0, Register.R0, 0, (int)helper);

    /// <summary>Returns R0 (BPF_JMP | BPF_EXIT).</summary>
    public void Exit() => Emit(OpCodes.ClassJmp | OpCodes.Exit, Register.R0, Register.R0, 0, 0);

    /// <summary>R0 = value; exit.</summary>
    public void Return(int value)
    {
        Mov64(Register.R0, value);
        Exit();
    }

    private void EmitJump(byte opCode, Register dst, Register src, int imm, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        CheckRegister(dst);
        CheckRegister(src);
        Emit(new Instruction(opCode, dst, src, 0, imm) { Target = target });
    }
}
