using NetTeam.Bpf.Asm;
using static NetTeam.Bpf.Asm.Register;

namespace NetTeam.Bpf.Tests;

/// <summary>
/// What the emitted instructions do in the kernel: each row is a program accepted by the verifier and run
/// with BPF_PROG_TEST_RUN, whose return value (R0's low 32 bits) shows the instruction meant what the
/// emitter says it means.
/// </summary>
public class SemanticsTests
{
    private static readonly Dictionary<string, (Action<Assembler> Body, uint Expected)> s_rows = new()
    {
        ["mov and add"] = (a => { a.Mov64(R0, 40); a.Alu64(AluOp.Add, R0, 2); }, 42),
        ["sub reg"] = (a => { a.Mov64(R0, 50); a.Mov64(R1, 8); a.Alu64(AluOp.Sub, R0, R1); }, 42),
        ["mul, div, mod"] = (a => { a.Mov64(R0, 7); a.Alu64(AluOp.Mul, R0, 12); a.Alu64(AluOp.Div, R0, 2); a.Alu64(AluOp.Mod, R0, 5); }, 2),
        ["mod by register zero leaves dst"] = (a => { a.Mov64(R0, 9); a.Mov64(R1, 0); a.Alu64(AluOp.Mod, R0, R1); }, 9),
        ["and, or, xor"] = (a => { a.Mov64(R0, 0xf0); a.Alu64(AluOp.And, R0, 0x3c); a.Alu64(AluOp.Or, R0, 1); a.Alu64(AluOp.Xor, R0, 0xff); }, 0xce),
        ["shifts 64"] = (a => { a.Mov64(R0, 1); a.Alu64(AluOp.Lsh, R0, 40); a.Alu64(AluOp.Rsh, R0, 36); }, 16),
        ["arsh keeps the sign"] = (a => { a.Mov64(R0, -64); a.Alu64(AluOp.Arsh, R0, 4); }, unchecked((uint)-4)),
        ["alu32 zero-extends"] = (a => { a.LoadImm64(R0, 0x1_0000_0005); a.Alu32(AluOp.Add, R0, 0); a.Alu64(AluOp.Rsh, R0, 0); }, 5),
        ["mov32 clears the upper half"] = (a => { a.LoadImm64(R1, unchecked((long)0xffff_ffff_0000_0007)); a.Mov32(R0, R1); a.Alu64(AluOp.Rsh, R0, 32); }, 0),
        ["neg"] = (a => { a.Mov64(R0, 5); a.Neg64(R0); a.Alu64(AluOp.Add, R0, 10); }, 5),
        ["lddw high half"] = (a => { a.LoadImm64(R0, 0x1234_5678_0000_0000); a.Alu64(AluOp.Rsh, R0, 32); }, 0x1234_5678),
        ["be16 swaps and truncates"] = (a => { a.Mov64(R0, 0x7f1234); a.ToBigEndian(R0, 16); }, 0x3412),
        ["be32 swaps"] = (a => { a.Mov64(R0, 0x11223344); a.ToBigEndian(R0, 32); }, 0x44332211),
        ["le32 truncates"] = (a => { a.LoadImm64(R0, 0x5_0000_0009); a.ToLittleEndian(R0, 32); a.Alu64(AluOp.Rsh, R0, 0); }, 9),
        ["bswap64"] = (a => { a.LoadImm64(R0, 0x0102_0304_0506_0708); a.ByteSwap(R0, 64); }, 0x04030201),
        ["stack store and load, every width"] = (
            a =>
            {
                a.StoreImm(Width.DWord, R10, -8, 0);
                a.StoreImm(Width.Byte, R10, -8, 0x11);
                a.Mov64(R1, 0x2233);
                a.Store(Width.Half, R10, -6, R1);
                a.Load(Width.Word, R0, R10, -8);
            },
            0x2233_0011),
        ["signed byte load"] = (a => { a.StoreImm(Width.Byte, R10, -1, 0xfe); a.LoadSigned(Width.Byte, R0, R10, -1); a.Alu64(AluOp.Add, R0, 10); }, 8),
        ["conditional jumps"] = (
            a =>
            {
                a.Mov64(R0, 0);
                a.Mov64(R1, -1);
                a.Jump(JumpOp.SGt, R1, 0, "wrong");
                a.Jump(JumpOp.Gt, R1, 0, "unsigned");
                a.Label("wrong");
                a.Return(99);
                a.Label("unsigned");
                a.Jump32(JumpOp.Eq, R1, -1, "done");
                a.Mov64(R0, 98);
                a.Label("done");
                a.Alu64(AluOp.Add, R0, 1);
            },
            1),
        ["skb->len"] = (a => a.Load(Width.Word, R0, R6, SkBuff.Len), 60),
        ["packet load of the EtherType"] = (a => { a.LoadPacket(Width.Half, R0, R6, 12, -8, "short"); a.Exit(); a.Label("short"); a.Mov64(R0, 1); }, 0x0800),
        ["packet load at a register offset"] = (
            a =>
            {
                a.Mov64(R7, 14);
                a.LoadPacket(Width.Word, R0, R6, R7, 6, -8, "short");
                a.Exit();
                a.Label("short");
                a.Mov64(R0, 1);
            },
            0x40004011),
        ["packet load past the end jumps"] = (a => { a.LoadPacket(Width.Word, R0, R6, 57, -8, "short"); a.Exit(); a.Label("short"); a.Mov64(R0, 77); }, 77),
        ["packet bytes to the stack"] = (
            a =>
            {
                a.LoadPacketBytes(R6, 0, -16, 14, "short");
                a.Load(Width.Byte, R0, R10, -16 + 5);
                a.Exit();
                a.Label("short");
                a.Mov64(R0, 1);
            },
            2),
        ["prandom returns"] = (a => { a.Call(Helper.GetPrandomU32); a.Mov64(R0, 3); }, 3),
    };

    public static TheoryData<string> Rows => [.. s_rows.Keys];

    [Theory]
    [MemberData(nameof(Rows))]
    public void RunsAsEmitted(string row) => Assert.Equal(s_rows[row].Expected, Programs.Evaluate(s_rows[row].Body));
}
