using System.Diagnostics;
using System.Text;
using NetTeam.Interop;
using NetTeam.Interop.Bpf;

namespace NetTeam.Bpf;

/// <summary>
/// A program the verifier accepted, held by its fd (closed on Dispose; links and pins keep the program
/// itself alive). A refused load comes back as a <see cref="BpfError"/> carrying the verifier's log.
/// </summary>
public sealed class BpfProgram : IDisposable
{
    private const int FirstLogSize = 256 * 1024;
    private const int MaxLogSize = 64 * 1024 * 1024;

    private BpfProgram(FileDescriptorHandle handle, string name, BpfProgramType type, int instructionCount, string? log, TimeSpan loadTime)
    {
        Handle = handle;
        Name = name;
        Type = type;
        InstructionCount = instructionCount;
        VerifierLog = log;
        LoadTime = loadTime;
    }

    public FileDescriptorHandle Handle { get; }

    public string Name { get; }

    public BpfProgramType Type { get; }

    /// <summary>Instruction slots as loaded (0 for a program opened from a pin).</summary>
    public int InstructionCount { get; }

    /// <summary>The verifier's log of the successful load when a log level was asked for (e.g. <see cref="BpfLogLevel.Stats"/>).</summary>
    public string? VerifierLog { get; }

    /// <summary>Wall time of the BPF_PROG_LOAD that succeeded: mostly the verifier, plus the JIT.</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>Loads <paramref name="spec"/>; when the verifier refuses it, loads it again with log_level 1 to return the log.</summary>
    public static BpfError Load(ProgramSpec spec, out BpfProgram? program) => Load(spec, BpfLogLevel.None, out program);

    /// <summary>Loads <paramref name="spec"/> with the verifier logging at <paramref name="logLevel"/> (the log ends up in <see cref="VerifierLog"/>).</summary>
    public static BpfError Load(ProgramSpec spec, BpfLogLevel logLevel, out BpfProgram? program)
    {
        ArgumentNullException.ThrowIfNull(spec);
        program = null;
        if (!BpfObjectName.IsValid(spec.Name))
        {
            return new BpfError(Errno.EINVAL, $"program name \"{spec.Name}\" is not 1-15 letters, digits, '_' or '.'");
        }
        IReadOnlyList<BpfMap> maps = spec.Maps;
        byte[] code = spec.Encode();
        string operation = $"load program \"{spec.Name}\" ({spec.Instructions.Count} instructions)";
        Errno err = LoadOnce(spec, code, logLevel, out FileDescriptorHandle? handle, out string? log, out TimeSpan elapsed);
        if (!err.IsSuccess && logLevel == BpfLogLevel.None)
        {
            // Verify again, this time for the log of the path that failed.
            Errno again = LoadOnce(spec, code, BpfLogLevel.Instructions, out handle, out log, out elapsed);
            err = again.IsSuccess ? Errno.Success : err;
        }
        GC.KeepAlive(maps);
        if (!err.IsSuccess)
        {
            return new BpfError(err, operation, log);
        }
        program = new BpfProgram(handle!, spec.Name, spec.Type, spec.Instructions.Count, log, elapsed);
        return BpfError.Success;
    }

    /// <summary>Opens a program pinned at <paramref name="path"/> (BPF_OBJ_GET).</summary>
    public static BpfError OpenPinned(string path, out BpfProgram? program)
    {
        program = null;
        Errno err = BpfSyscall.GetPinned(path, out FileDescriptorHandle? handle);
        if (err.IsSuccess)
        {
            err = BpfSyscall.GetProgramInfo(handle!, out BpfProgramInfo info);
            if (err.IsSuccess)
            {
                program = new BpfProgram(handle!, info.Name, info.Type, (int)(info.XlatedLength / 8), null, TimeSpan.Zero);
                return BpfError.Success;
            }
            handle!.Dispose();
        }
        return new BpfError(err, $"open pinned program {path}");
    }

    public BpfError Pin(string path)
    {
        Errno err = BpfSyscall.Pin(Handle, path);
        return err.IsSuccess ? BpfError.Success : new BpfError(err, $"pin program \"{Name}\" at {path}");
    }

    /// <summary>The kernel's view: id, tag, translated and JIT sizes, instructions the verifier processed.</summary>
    public Errno GetInfo(out BpfProgramInfo info) => BpfSyscall.GetProgramInfo(Handle, out info);

    /// <summary>Runs the program once over <paramref name="data"/> (BPF_PROG_TEST_RUN).</summary>
    public Errno TestRun(ReadOnlySpan<byte> data, out TestRunOutput? output) => TestRun(data, default, 1, out output);

    /// <summary>
    /// Runs the program <paramref name="repeat"/> times over <paramref name="data"/> with an optional
    /// context (for SCHED_CLS a struct __sk_buff, <see cref="SkBuff.Size"/> bytes at most, e.g. with ifindex set).
    /// </summary>
    public Errno TestRun(ReadOnlySpan<byte> data, ReadOnlySpan<byte> context, uint repeat, out TestRunOutput? output)
    {
        byte[] dataOut = new byte[data.Length + 256];
        Errno err = BpfSyscall.TestRun(Handle, data, dataOut, context, default, repeat, out BpfTestRunResult result);
        if (err == BpfErrno.ENOSPC && result.DataSizeOut > dataOut.Length)
        {
            dataOut = new byte[result.DataSizeOut];
            err = BpfSyscall.TestRun(Handle, data, dataOut, context, default, repeat, out result);
        }
        output = err.IsSuccess ? new TestRunOutput(result.ReturnValue, dataOut[..result.DataSizeOut], result.DurationNanoseconds) : null;
        return err;
    }

    public void Dispose() => Handle.Dispose();

    private static Errno LoadOnce(ProgramSpec spec, byte[] code, BpfLogLevel level, out FileDescriptorHandle? handle, out string? log, out TimeSpan elapsed)
    {
        byte[] buffer = level == BpfLogLevel.None ? [] : new byte[FirstLogSize];
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            Errno err = BpfSyscall.LoadProgram(spec.Type, code, spec.License, spec.Name, spec.ExpectedAttachType, level, buffer, out uint trueSize, out handle);
            elapsed = Stopwatch.GetElapsedTime(start);
            if (err == BpfErrno.ENOSPC && buffer.Length > 0 && buffer.Length < MaxLogSize)
            {
                // The log did not fit: log_true_size says how much it needs (Linux 6.4+), else grow fourfold.
                buffer = new byte[Math.Min(MaxLogSize, Math.Max((int)Math.Min(trueSize, int.MaxValue), buffer.Length * 4))];
                continue;
            }
            log = buffer.Length == 0 ? null : ReadLog(buffer);
            return err;
        }
    }

    private static string ReadLog(byte[] buffer)
    {
        int end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
