namespace NetTeam.Bpf.Asm;

/// <summary>
/// The opcode fields (instruction-set.rst, "Instruction classes", "Arithmetic and jump instructions",
/// "Load and store instructions"): the class in the low 3 bits; for arithmetic and jumps the source bit
/// (0x08: register, 0: immediate) and the operation in the high 4 bits; for loads and stores the size
/// (0x18) and the mode (0xe0).
/// </summary>
internal static class OpCodes
{
    public const byte ClassLd = 0x00;
    public const byte ClassLdx = 0x01;
    public const byte ClassSt = 0x02;
    public const byte ClassStx = 0x03;
    public const byte ClassAlu = 0x04;
    public const byte ClassJmp = 0x05;
    public const byte ClassJmp32 = 0x06;
    public const byte ClassAlu64 = 0x07;

    public const byte SourceImmediate = 0x00;
    public const byte SourceRegister = 0x08;

    public const byte ModeImm = 0x00;
    public const byte ModeMem = 0x60;
    public const byte ModeMemSx = 0x80;

    public const byte Neg = 0x80;

    /// <summary>BPF_END; in the ALU class the source bit chooses the target order: 0 little, 0x08 big endian.</summary>
    public const byte End = 0xd0;

    public const byte Ja = 0x00;
    public const byte Call = 0x80;
    public const byte Exit = 0x90;

    /// <summary>BPF_LD | BPF_IMM | BPF_DW: the first slot of the 64-bit immediate load.</summary>
    public const byte LdImm64 = ClassLd | ModeImm | (byte)Width.DWord;

    /// <summary>BPF_PSEUDO_MAP_FD (linux/bpf.h): in LdImm64's src field, imm is a map fd the loader turns into a map pointer.</summary>
    public const byte PseudoMapFd = 1;
}
