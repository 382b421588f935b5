using NetTeam.Bpf.Asm;
using static NetTeam.Bpf.Asm.Register;

namespace NetTeam.Bpf.Tests;

/// <summary>
/// The emitter's encodings against raw instructions worked out by hand from the kernel's
/// Documentation/bpf/standardization/instruction-set.rst: byte 0 the opcode, byte 1 src (high nibble) and
/// dst (low nibble), bytes 2-3 the offset and 4-7 the immediate, little-endian.
/// </summary>
public class EncodingTests
{
    private static readonly Dictionary<string, (Action<Assembler> Emit, string Hex)> s_rows = new()
    {
        ["mov64 imm"] = (a => a.Mov64(R1, 22), "b701000016000000"),
        ["mov64 reg"] = (a => a.Mov64(R2, R3), "bf32000000000000"),
        ["mov32 imm -1"] = (a => a.Mov32(R0, -1), "b4000000ffffffff"),
        ["mov32 reg"] = (a => a.Mov32(R4, R5), "bc54000000000000"),
        ["add64 imm"] = (a => a.Alu64(AluOp.Add, R1, 1), "0701000001000000"),
        ["add64 imm negative"] = (a => a.Alu64(AluOp.Add, R3, -2), "07030000feffffff"),
        ["sub64 reg"] = (a => a.Alu64(AluOp.Sub, R2, R3), "1f32000000000000"),
        ["mul64 imm"] = (a => a.Alu64(AluOp.Mul, R3, 3), "2703000003000000"),
        ["div64 imm"] = (a => a.Alu64(AluOp.Div, R4, 2), "3704000002000000"),
        ["or64 imm"] = (a => a.Alu64(AluOp.Or, R5, 0x10), "4705000010000000"),
        ["and64 imm"] = (a => a.Alu64(AluOp.And, R6, 0xff), "57060000ff000000"),
        ["lsh64 imm"] = (a => a.Alu64(AluOp.Lsh, R7, 8), "6707000008000000"),
        ["rsh64 imm"] = (a => a.Alu64(AluOp.Rsh, R8, 24), "7708000018000000"),
        ["mod64 reg"] = (a => a.Alu64(AluOp.Mod, R9, R1), "9f19000000000000"),
        ["xor64 reg"] = (a => a.Alu64(AluOp.Xor, R8, R1), "af18000000000000"),
        ["arsh64 imm"] = (a => a.Alu64(AluOp.Arsh, R1, 3), "c701000003000000"),
        ["add32 reg"] = (a => a.Alu32(AluOp.Add, R1, R2), "0c21000000000000"),
        ["rsh32 imm"] = (a => a.Alu32(AluOp.Rsh, R1, 31), "740100001f000000"),
        ["xor32 imm"] = (a => a.Alu32(AluOp.Xor, R2, 0x0fff), "a4020000ff0f0000"),
        ["mod32 reg"] = (a => a.Alu32(AluOp.Mod, R2, R9), "9c92000000000000"),
        ["neg64"] = (a => a.Neg64(R3), "8703000000000000"),
        ["neg32"] = (a => a.Neg32(R3), "8403000000000000"),
        ["be16"] = (a => a.ToBigEndian(R1, 16), "dc01000010000000"),
        ["be32"] = (a => a.ToBigEndian(R1, 32), "dc01000020000000"),
        ["le64"] = (a => a.ToLittleEndian(R2, 64), "d402000040000000"),
        ["bswap32"] = (a => a.ByteSwap(R3, 32), "d703000020000000"),
        ["ldxb"] = (a => a.Load(Width.Byte, R0, R6, 4), "7160040000000000"),
        ["ldxh fp-2"] = (a => a.Load(Width.Half, R1, R10, -2), "69a1feff00000000"),
        ["ldxw"] = (a => a.Load(Width.Word, R2, R6, 40), "6162280000000000"),
        ["ldxdw"] = (a => a.Load(Width.DWord, R3, R0, 32), "7903200000000000"),
        ["ldxsb"] = (a => a.LoadSigned(Width.Byte, R1, R7, 368), "9171700100000000"),
        ["ldxsh"] = (a => a.LoadSigned(Width.Half, R1, R7, 2), "8971020000000000"),
        ["ldxsw fp-8"] = (a => a.LoadSigned(Width.Word, R2, R10, -8), "81a2f8ff00000000"),
        ["stxb"] = (a => a.Store(Width.Byte, R10, -1, R1), "731affff00000000"),
        ["stxh"] = (a => a.Store(Width.Half, R10, -4, R2), "6b2afcff00000000"),
        ["stxw"] = (a => a.Store(Width.Word, R10, -4, R1), "631afcff00000000"),
        ["stxdw"] = (a => a.Store(Width.DWord, R0, 8, R1), "7b10080000000000"),
        ["stb imm"] = (a => a.StoreImm(Width.Byte, R10, -8, 7), "720af8ff07000000"),
        ["sth imm"] = (a => a.StoreImm(Width.Half, R10, -6, 0x1234), "6a0afaff34120000"),
        ["stw imm"] = (a => a.StoreImm(Width.Word, R10, -4, 0), "620afcff00000000"),
        ["stdw imm -1"] = (a => a.StoreImm(Width.DWord, R10, -16, -1), "7a0af0ffffffffff"),
        ["lddw two slots"] = (a => a.LoadImm64(R1, 0x1122334455667788), "1801000088776655" + "0000000044332211"),
        ["lddw negative"] = (a => a.LoadImm64(R9, -2), "18090000feffffff" + "00000000ffffffff"),
        ["call map_lookup_elem"] = (a => a.Call(Helper.MapLookupElem), "8500000001000000"),
        ["call redirect"] = (a => a.Call(Helper.Redirect), "8500000017000000"),
        ["call skb_load_bytes"] = (a => a.Call(Helper.SkbLoadBytes), "850000001a000000"),
        ["call clone_redirect"] = (a => a.Call(Helper.CloneRedirect), "850000000d000000"),
        ["exit"] = (a => a.Exit(), "9500000000000000"),
        ["return 2"] = (a => a.Return(2), "b700000002000000" + "9500000000000000"),
        ["forward jumps"] = (
            a =>
            {
                a.Jump(JumpOp.Eq, R1, 0, "end");
                a.Jump(JumpOp.Ne, R1, R2, "end");
                a.Jump("end");
                a.Label("end");
                a.Exit();
            },
            "1501020000000000" + "5d21010000000000" + "0500000000000000" + "9500000000000000"),
        ["backward jump"] = (
            a =>
            {
                a.Label("top");
                a.Mov64(R0, 0);
                a.Jump(JumpOp.Lt, R0, 10, "top");
            },
            "b700000000000000" + "a500feff0a000000"),
        ["jump over lddw counts two slots"] = (
            a =>
            {
                a.Jump(JumpOp.Gt, R1, 5, "x");
                a.LoadImm64(R0, 1);
                a.Label("x");
                a.Exit();
            },
            "2501020005000000" + "1800000001000000" + "0000000000000000" + "9500000000000000"),
        ["jsgt negative imm"] = (a => JumpToNext(a, () => a.Jump(JumpOp.SGt, R1, -2, "n")), "65010000feffffff" + "9500000000000000"),
        ["jset32 imm"] = (a => JumpToNext(a, () => a.Jump32(JumpOp.Set, R3, 0x40, "n")), "4603000040000000" + "9500000000000000"),
        ["jle32 reg"] = (a => JumpToNext(a, () => a.Jump32(JumpOp.Le, R1, R2, "n")), "be21000000000000" + "9500000000000000"),
        ["packet load: skb_load_bytes, bounds check, be16"] = (
            a =>
            {
                a.LoadPacket(Width.Half, R1, R6, 12, -2, "short");
                a.Label("short");
                a.Exit();
            },
            "b70200000c000000" + "bf61000000000000" + "bfa3000000000000" + "07030000feffffff" + "b704000002000000"
                + "850000001a000000" + "5500020000000000" + "69a1feff00000000" + "dc01000010000000" + "9500000000000000"),
    };

    // One row per conditional jump, each with an immediate and a register source, 64 and 32 bits.
    private static readonly (JumpOp Op, string Imm64, string Reg64, string Imm32, string Reg32)[] s_jumps =
    [
        (JumpOp.Eq, "15", "1d", "16", "1e"),
        (JumpOp.Gt, "25", "2d", "26", "2e"),
        (JumpOp.Ge, "35", "3d", "36", "3e"),
        (JumpOp.Set, "45", "4d", "46", "4e"),
        (JumpOp.Ne, "55", "5d", "56", "5e"),
        (JumpOp.SGt, "65", "6d", "66", "6e"),
        (JumpOp.SGe, "75", "7d", "76", "7e"),
        (JumpOp.Lt, "a5", "ad", "a6", "ae"),
        (JumpOp.Le, "b5", "bd", "b6", "be"),
        (JumpOp.SLt, "c5", "cd", "c6", "ce"),
        (JumpOp.SLe, "d5", "dd", "d6", "de"),
    ];

    public static TheoryData<string> Rows => [.. s_rows.Keys];

    public static TheoryData<JumpOp> JumpOps => [.. s_jumps.Select(j => j.Op)];

    [Theory]
    [MemberData(nameof(Rows))]
    public void EncodesAsTheSpecificationSays(string row)
    {
        Assembler a = new();
        s_rows[row].Emit(a);
        Assert.Equal(s_rows[row].Hex, Hex(a.Build()));
    }

    [Theory]
    [MemberData(nameof(JumpOps))]
    public void ConditionalJumpOpcodes(JumpOp op)
    {
        (_, string imm64, string reg64, string imm32, string reg32) = s_jumps.Single(j => j.Op == op);
        Assert.Equal(imm64 + "01000007000000", First(a => a.Jump(op, R1, 7, "n")));
        Assert.Equal(reg64 + "21000000000000", First(a => a.Jump(op, R1, R2, "n")));
        Assert.Equal(imm32 + "01000007000000", First(a => a.Jump32(op, R1, 7, "n")));
        Assert.Equal(reg32 + "21000000000000", First(a => a.Jump32(op, R1, R2, "n")));
    }

    [Fact]
    public void MapLoadCarriesTheMapFdInItsFirstSlot()
    {
        BpfError err = BpfMap.Create(MapSpec.Array<ulong>("enc_map", 1), out BpfMap? map);
        Assert.True(err.IsSuccess, err.Message);
        using (map)
        {
            Assembler a = new();
            a.LoadMap(R1, map!);
            a.Return(0);
            ProgramSpec spec = new("enc", Interop.Bpf.BpfProgramType.SchedCls, a.Build());
            byte[] code = spec.Encode();
            // src = BPF_PSEUDO_MAP_FD (1), imm = fd; the second slot is all zero.
            string fd = Convert.ToHexStringLower(BitConverter.GetBytes(map!.Handle.Fd));
            Assert.Equal("1811000000000000"[..8] + fd + "0000000000000000", Convert.ToHexStringLower(code.AsSpan(0, 16)));
            Assert.Same(map, Assert.Single(spec.Maps));
        }
    }

    [Fact]
    public void DecodeInvertsEncode()
    {
        Instruction insn = new(0x61, R2, R6, 40, -7);
        Instruction back = Instruction.Decode(insn.Raw);
        Assert.Equal(insn, back);
        Assert.Equal((R2, R6, (short)40, -7), (back.Dst, back.Src, back.Offset, back.Constant));
    }

    private static void JumpToNext(Assembler a, Action jump)
    {
        jump();
        a.Label("n");
        a.Exit();
    }

    private static string First(Action<Assembler> jump)
    {
        Assembler a = new();
        JumpToNext(a, () => jump(a));
        return Hex(a.Build())[..16];
    }

    private static string Hex(IReadOnlyList<Instruction> program) => string.Concat(program.Select(i => i.ToString()));
}
