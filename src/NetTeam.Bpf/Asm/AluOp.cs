namespace NetTeam.Bpf.Asm;

/// <summary>
/// The two-operand arithmetic operations (instruction-set.rst, "Arithmetic instructions"): the high four
/// bits of the opcode. NEG and END have their own emitter methods.
/// </summary>
public enum AluOp : byte
{
    Add = 0x00,
    Sub = 0x10,
    Mul = 0x20,

    /// <summary>Unsigned division; dividing by zero gives 0.</summary>
    Div = 0x30,
    Or = 0x40,
    And = 0x50,
    Lsh = 0x60,
    Rsh = 0x70,

    /// <summary>Unsigned modulo; modulo zero leaves the destination unchanged.</summary>
    Mod = 0x90,
    Xor = 0xa0,
    Mov = 0xb0,

    /// <summary>Arithmetic (sign-extending) right shift.</summary>
    Arsh = 0xc0,
}
