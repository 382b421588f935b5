namespace NetTeam.Bpf.Asm;

/// <summary>The conditional jumps (instruction-set.rst, "Jump instructions"): the high four bits of the opcode.</summary>
public enum JumpOp : byte
{
    /// <summary>==</summary>
    Eq = 0x10,

    /// <summary>&gt; unsigned</summary>
    Gt = 0x20,

    /// <summary>&gt;= unsigned</summary>
    Ge = 0x30,

    /// <summary>dst &amp; src != 0</summary>
    Set = 0x40,

    /// <summary>!=</summary>
    Ne = 0x50,

    /// <summary>&gt; signed</summary>
    SGt = 0x60,

    /// <summary>&gt;= signed</summary>
    SGe = 0x70,

    /// <summary>&lt; unsigned</summary>
    Lt = 0xa0,

    /// <summary>&lt;= unsigned</summary>
    Le = 0xb0,

    /// <summary>&lt; signed</summary>
    SLt = 0xc0,

    /// <summary>&lt;= signed</summary>
    SLe = 0xd0,
}
