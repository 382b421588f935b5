using NetTeam.Bpf.Asm;
using NetTeam.Interop;
using NetTeam.Interop.Bpf;

namespace NetTeam.Bpf.Tests;

/// <summary>Builds, loads (through the verifier) and runs small SCHED_CLS test programs.</summary>
internal static class Programs
{
    /// <summary>A 60-byte IPv4/UDP frame: enough for any test that needs a valid Ethernet frame.</summary>
    public static byte[] Frame(int length = 60)
    {
        byte[] frame = new byte[length];
        byte[] head = Convert.FromHexString("02000000000202000000000108004500002e000040004011");
        head.AsSpan(0, Math.Min(length, head.Length)).CopyTo(frame);
        return frame;
    }

    public static BpfProgram Load(string name, Action<Assembler> emit)
    {
        Assembler a = new();
        emit(a);
        BpfError err = BpfProgram.Load(new ProgramSpec(name, BpfProgramType.SchedCls, a.Build()), out BpfProgram? program);
        Assert.True(err.IsSuccess, err.Message);
        return program!;
    }

    public static uint Run(BpfProgram program, byte[] frame)
    {
        Errno err = program.TestRun(frame, out TestRunOutput? output);
        Assert.True(err.IsSuccess, $"test run: {err}");
        return output!.ReturnValue;
    }

    /// <summary>Loads a program whose body leaves a value in R0, runs it once and returns R0 (the low 32 bits).</summary>
    public static uint Evaluate(Action<Assembler> body, byte[]? frame = null)
    {
        using BpfProgram program = Load("eval", a =>
        {
            a.Mov64(Register.R6, Register.R1);
            body(a);
            a.Exit();
        });
        return Run(program, frame ?? Frame());
    }

    public static BpfMap CreateMap(MapSpec spec)
    {
        BpfError err = BpfMap.Create(spec, out BpfMap? map);
        Assert.True(err.IsSuccess, err.Message);
        return map!;
    }
}
