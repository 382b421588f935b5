using NetTeam.Bpf.Asm;
using static NetTeam.Bpf.Asm.Register;

namespace NetTeam.Bpf.Tests;

public class AssemblerErrorTests
{
    [Fact]
    public void UnknownLabelIsRefusedAtBuild()
    {
        Assembler a = new();
        a.Jump(JumpOp.Eq, R1, 0, "nowhere");
        a.Exit();
        AssemblerException e = Assert.Throws<AssemblerException>(() => a.Build());
        Assert.Contains("nowhere", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateLabelIsRefused()
    {
        Assembler a = new();
        a.Label("x");
        a.Exit();
        Assert.Throws<AssemblerException>(() => a.Label("x"));
    }

    [Fact]
    public void LabelAtTheEndMarksNothing()
    {
        Assembler a = new();
        a.Jump("end");
        a.Label("end");
        Assert.Throws<AssemblerException>(() => a.Build());
    }

    [Fact]
    public void NewLabelsAreUnique()
    {
        Assembler a = new();
        Assert.NotEqual(a.NewLabel("bit"), a.NewLabel("bit"));
    }

    [Fact]
    public void ImpossibleOperandsAreRefused()
    {
        Assembler a = new();
        Assert.Throws<ArgumentException>(() => a.Mov64(R10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Alu64(AluOp.Lsh, R1, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Alu32(AluOp.Rsh, R1, 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Alu64(AluOp.Div, R1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.ToBigEndian(R1, 8));
        Assert.Throws<ArgumentException>(() => a.LoadSigned(Width.DWord, R1, R2, 0));
        Assert.Throws<ArgumentException>(() => a.LoadPacket(Width.Word, R1, R1, 0, -4, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.LoadPacketBytes(R6, 0, -4, 8, "x"));
        Assert.Equal(0, a.Count);
    }
}
