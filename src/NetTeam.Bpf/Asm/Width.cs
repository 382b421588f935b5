namespace NetTeam.Bpf.Asm;

/// <summary>The size field of load and store opcodes (instruction-set.rst, "Load and store instructions").</summary>
public enum Width : byte
{
    /// <summary>4 bytes (BPF_W).</summary>
    Word = 0x00,

    /// <summary>2 bytes (BPF_H).</summary>
    Half = 0x08,

    /// <summary>1 byte (BPF_B).</summary>
    Byte = 0x10,

    /// <summary>8 bytes (BPF_DW).</summary>
    DWord = 0x18,
}
