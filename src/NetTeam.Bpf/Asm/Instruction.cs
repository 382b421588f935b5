using System.Buffers.Binary;
using System.Globalization;

namespace NetTeam.Bpf.Asm;

/// <summary>
/// One 8-byte instruction slot (instruction-set.rst, "Instruction encoding"): opcode, destination register
/// (low nibble), source register (high nibble), a signed 16-bit offset and a signed 32-bit immediate, stored
/// little-endian. A 64-bit immediate load takes two slots; the second has opcode 0 and carries the high
/// 32 bits. Before assembly a jump names its <see cref="Target"/> label; a map load names its
/// <see cref="Map"/>, whose fd becomes the immediate when the program is loaded.
/// </summary>
public readonly struct Instruction : IEquatable<Instruction>
{
    public Instruction(byte opCode, Register dst, Register src, short offset, int constant)
    {
        OpCode = opCode;
        Dst = dst;
        Src = src;
        Offset = offset;
        Constant = constant;
    }

    public byte OpCode { get; }

    public Register Dst { get; }

    public Register Src { get; }

    public short Offset { get; }

    public int Constant { get; }

    /// <summary>The label a jump goes to, until <see cref="Assembler.Build"/> turns it into <see cref="Offset"/>.</summary>
    public string? Target { get; init; }

    /// <summary>The map the first slot of a map load refers to (BPF_PSEUDO_MAP_FD).</summary>
    public BpfMap? Map { get; init; }

    internal Instruction WithOffset(short offset) => new(OpCode, Dst, Src, offset, Constant) { Map = Map };

    internal Instruction WithConstant(int constant) => new(OpCode, Dst, Src, Offset, constant) { Target = Target, Map = Map };

    /// <summary>The slot as a little-endian 64-bit value: opcode in the low byte, the immediate in the high 32 bits.</summary>
    public ulong Raw =>
        OpCode
        | ((ulong)(((byte)Src << 4) | (byte)Dst) << 8)
        | ((ulong)(ushort)Offset << 16)
        | ((ulong)(uint)Constant << 32);

    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt64LittleEndian(destination, Raw);

    public static Instruction Decode(ulong raw) =>
        new((byte)raw, (Register)((raw >> 8) & 0x0f), (Register)((raw >> 12) & 0x0f), (short)(raw >> 16), (int)(raw >> 32));

    /// <summary>The 8 bytes as the kernel reads them, in hex, e.g. "b700000001000000".</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[8];
        Write(bytes);
        string hex = Convert.ToHexStringLower(bytes);
        return Target is null ? hex : string.Create(CultureInfo.InvariantCulture, $"{hex} -> {Target}");
    }

    public bool Equals(Instruction other) => Raw == other.Raw && Target == other.Target && ReferenceEquals(Map, other.Map);

    public override bool Equals(object? obj) => obj is Instruction other && Equals(other);

    public override int GetHashCode() => Raw.GetHashCode();

    public static bool operator ==(Instruction left, Instruction right) => left.Equals(right);

    public static bool operator !=(Instruction left, Instruction right) => !left.Equals(right);
}
