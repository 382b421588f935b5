using System.Text;
using NetTeam.Interop.Bpf.Native;

namespace NetTeam.Interop.Bpf;

public static unsafe partial class BpfSyscall
{
    /// <summary>
    /// BPF_PROG_LOAD: <paramref name="instructions"/> are the raw 8-byte instructions (map references
    /// already resolved to fds). With a log level, the verifier writes into <paramref name="log"/>;
    /// <paramref name="logTrueSize"/> is the size it needed (Linux 6.4+, else 0), so a load that failed with
    /// ENOSPC can be retried once with a big enough buffer.
    /// </summary>
    public static Errno LoadProgram(
        BpfProgramType type,
        ReadOnlySpan<byte> instructions,
        string license,
        string name,
        BpfAttachType expectedAttachType,
        BpfLogLevel logLevel,
        Span<byte> log,
        out uint logTrueSize,
        out FileDescriptorHandle? program)
    {
        ArgumentNullException.ThrowIfNull(license);
        ArgumentNullException.ThrowIfNull(name);
        byte[] licenseBytes = new byte[Encoding.ASCII.GetByteCount(license) + 1];
        Encoding.ASCII.GetBytes(license, licenseBytes);
        fixed (byte* insns = instructions)
        fixed (byte* lic = licenseBytes)
        fixed (byte* buffer = log)
        {
            ProgLoadAttr attr = new()
            {
                ProgType = (uint)type,
                InsnCnt = (uint)(instructions.Length / 8),
                Insns = (ulong)insns,
                License = (ulong)lic,
                LogLevel = log.IsEmpty ? 0 : (uint)logLevel,
                LogSize = (uint)log.Length,
                LogBuf = log.IsEmpty ? 0 : (ulong)buffer,
                ExpectedAttachType = (uint)expectedAttachType,
            };
            BpfObjectName.Write(name, attr.ProgName);
            Errno err = NewFd(BpfNative.Call(BpfCommand.ProgLoad, ref attr), out program);
            logTrueSize = attr.LogTrueSize;
            return err;
        }
    }

    /// <summary>BPF_OBJ_GET_INFO_BY_FD on a program.</summary>
    public static Errno GetProgramInfo(FileDescriptorHandle program, out BpfProgramInfo info)
    {
        ProgInfoNative raw = default;
        Errno err = GetInfo(program, &raw, sizeof(ProgInfoNative));
        info = err.IsSuccess
            ? new BpfProgramInfo(
                (BpfProgramType)raw.Type,
                raw.Id,
                Convert.ToHexStringLower(new ReadOnlySpan<byte>(raw.Tag, 8)),
                BpfObjectName.Read(raw.Name),
                raw.XlatedProgLen,
                raw.JitedProgLen,
                raw.VerifiedInsns,
                raw.NrMapIds)
            : default;
        return err;
    }

    /// <summary>
    /// BPF_PROG_TEST_RUN: runs the program <paramref name="repeat"/> times over a copy of
    /// <paramref name="data"/> (for SCHED_CLS a whole Ethernet frame, at least 14 bytes) and an optional
    /// context (for SCHED_CLS a struct __sk_buff whose writable fields, e.g. ifindex, the kernel accepts).
    /// </summary>
    public static Errno TestRun(
        FileDescriptorHandle program,
        ReadOnlySpan<byte> data,
        Span<byte> dataOut,
        ReadOnlySpan<byte> context,
        Span<byte> contextOut,
        uint repeat,
        out BpfTestRunResult result)
    {
        ArgumentNullException.ThrowIfNull(program);
        fixed (byte* din = data)
        fixed (byte* dout = dataOut)
        fixed (byte* cin = context)
        fixed (byte* cout = contextOut)
        {
            TestRunAttr attr = new()
            {
                ProgFd = (uint)program.Fd,
                DataSizeIn = (uint)data.Length,
                DataSizeOut = (uint)dataOut.Length,
                DataIn = (ulong)din,
                DataOut = dataOut.IsEmpty ? 0 : (ulong)dout,
                Repeat = repeat,
                CtxSizeIn = (uint)context.Length,
                CtxSizeOut = (uint)contextOut.Length,
                CtxIn = context.IsEmpty ? 0 : (ulong)cin,
                CtxOut = contextOut.IsEmpty ? 0 : (ulong)cout,
            };
            Errno err = Result(BpfNative.Call(BpfCommand.ProgTestRun, ref attr));
            result = err.IsSuccess ? new BpfTestRunResult(attr.Retval, (int)attr.DataSizeOut, (int)attr.CtxSizeOut, attr.Duration) : default;
            return err;
        }
    }
}
