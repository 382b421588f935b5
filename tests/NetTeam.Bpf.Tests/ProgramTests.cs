using NetTeam.Bpf.Asm;
using NetTeam.Interop;
using NetTeam.Interop.Bpf;
using static NetTeam.Bpf.Asm.Register;

namespace NetTeam.Bpf.Tests;

public class ProgramTests
{
    [Fact]
    public void RefusedProgramCarriesTheVerifierLog()
    {
        Assembler a = new();
        a.Mov64(R0, R2); // R2 was never written
        a.Exit();
        BpfError err = BpfProgram.Load(new ProgramSpec("t_bad", BpfProgramType.SchedCls, a.Build()), out BpfProgram? program);
        Assert.False(err.IsSuccess);
        Assert.Null(program);
        Assert.Equal(BpfErrno.EACCES, err.Errno);
        Assert.Contains("R2 !read_ok", err.VerifierLog, StringComparison.Ordinal);
        Assert.Contains("R2 !read_ok", err.Message, StringComparison.Ordinal);
        Assert.Contains("t_bad", err.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HashLookupWithoutNullCheckIsRefused()
    {
        using BpfMap map = Programs.CreateMap(MapSpec.Hash<uint, ulong>("t_nullchk", 1));
        Assembler a = new();
        a.StoreImm(Width.Word, R10, -4, 0);
        a.MapLookup(map, -4);
        a.Load(Width.DWord, R0, R0, 0);
        a.Exit();
        BpfError err = BpfProgram.Load(new ProgramSpec("t_nullchk", BpfProgramType.SchedCls, a.Build()), out _);
        Assert.False(err.IsSuccess);
        Assert.Contains("map_value_or_null", err.VerifierLog, StringComparison.Ordinal);
    }

    [Fact]
    public void StatsLogAndInfo()
    {
        Assembler a = new();
        a.Return(TcAction.Shot);
        BpfError err = BpfProgram.Load(new ProgramSpec("t_stats", BpfProgramType.SchedCls, a.Build()), BpfLogLevel.Stats, out BpfProgram? program);
        Assert.True(err.IsSuccess, err.Message);
        using (program)
        {
            Assert.Contains("processed 2 insns", program!.VerifierLog, StringComparison.Ordinal);
            Assert.True(program.LoadTime > TimeSpan.Zero);
            Assert.Equal(2, program.InstructionCount);
            Assert.Equal(Errno.Success, program.GetInfo(out BpfProgramInfo info));
            Assert.Equal((BpfProgramType.SchedCls, "t_stats", 16u, 2u), (info.Type, info.Name, info.XlatedLength, info.VerifiedInstructions));
            Assert.Equal(16, info.Tag.Length);
            Assert.Equal((uint)TcAction.Shot, Programs.Run(program, Programs.Frame()));
        }
    }

    [Fact]
    public void TestRunRepeatsAndReturnsTheFrame()
    {
        using BpfProgram program = Programs.Load("t_repeat", a => a.Return(TcAction.Ok));
        byte[] frame = Programs.Frame(64);
        Assert.Equal(Errno.Success, program.TestRun(frame, default, 100, out TestRunOutput? output));
        Assert.Equal((uint)TcAction.Ok, output!.ReturnValue);
        Assert.Equal(frame, output.Data);
        // SCHED_CLS test runs need a whole Ethernet header, and (Linux 6.18) a whole IPv4 or IPv6 header
        // behind an IP EtherType; any other EtherType is fine with the Ethernet header alone.
        Assert.Equal(Errno.EINVAL, program.TestRun(new byte[13], out _));
        Assert.Equal(Errno.Success, program.TestRun(new byte[14], out _));
        Assert.Equal(Errno.EINVAL, program.TestRun(Programs.Frame(33), out _));
        Assert.Equal(Errno.Success, program.TestRun(Programs.Frame(34), out _));
    }

    [Fact]
    public void ContextSetsTheIfIndexTheProgramSees()
    {
        using BpfProgram program = Programs.Load("t_ifindex", a =>
        {
            a.Load(Width.Word, R0, R1, SkBuff.IfIndex);
            a.Exit();
        });
        // ifindex 1 is lo, in every namespace.
        byte[] context = new byte[SkBuff.Size];
        BitConverter.TryWriteBytes(context.AsSpan(SkBuff.IfIndex), 1);
        Assert.Equal(Errno.Success, program.TestRun(Programs.Frame(), context, 1, out TestRunOutput? output));
        Assert.Equal(1u, output!.ReturnValue);
    }

    [Fact]
    public void PinnedProgramReopens()
    {
        using PinDirectory pins = new();
        using BpfProgram program = Programs.Load("t_pinprog", a => a.Return(5));
        Assert.True(program.Pin(pins.File("p")).IsSuccess);
        BpfError err = BpfProgram.OpenPinned(pins.File("p"), out BpfProgram? again);
        Assert.True(err.IsSuccess, err.Message);
        using (again)
        {
            Assert.Equal(Errno.Success, program.GetInfo(out BpfProgramInfo a));
            Assert.Equal(Errno.Success, again!.GetInfo(out BpfProgramInfo b));
            Assert.Equal(a.Id, b.Id);
            Assert.Equal("t_pinprog", again.Name);
            Assert.Equal(5u, Programs.Run(again, Programs.Frame()));
        }
    }

    [Fact]
    public void BpffsIsMounted()
    {
        Assert.Equal(Errno.Success, BpfFileSystem.EnsureMounted());
        Assert.Equal(Errno.Success, BpfFileSystem.IsMounted(BpfFileSystem.DefaultPath, out bool mounted));
        Assert.True(mounted);
        Assert.Equal(Errno.Success, BpfFileSystem.IsMounted("/proc", out mounted));
        Assert.False(mounted);
    }
}
