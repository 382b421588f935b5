using NetTeam.Interop;
using NetTeam.Interop.Bpf;

namespace NetTeam.Bpf;

/// <summary>
/// A program attached to a device's tcx hook through a BPF link (BPF_LINK_CREATE with
/// BPF_TCX_INGRESS / BPF_TCX_EGRESS). The link, not the fd, keeps the program running: closing the fd of
/// a pinned link leaves it in place, <see cref="Update"/> swaps the program with no gap, and
/// <see cref="Detach"/> takes it off. Ifindexes are those of the calling thread's network namespace.
/// </summary>
public sealed class TcxLink : IDisposable
{
    private TcxLink(FileDescriptorHandle handle) => Handle = handle;

    public FileDescriptorHandle Handle { get; }

    public static BpfError Attach(BpfProgram program, int ifIndex, TcxDirection direction, out TcxLink? link)
    {
        ArgumentNullException.ThrowIfNull(program);
        link = null;
        Errno err = BpfSyscall.CreateLink(program.Handle, ifIndex, AttachType(direction), out FileDescriptorHandle? handle);
        if (!err.IsSuccess)
        {
            return new BpfError(err, $"attach program \"{program.Name}\" to ifindex {ifIndex} tcx {direction.ToString().ToLowerInvariant()}");
        }
        link = new TcxLink(handle!);
        return BpfError.Success;
    }

    /// <summary>Opens a link pinned at <paramref name="path"/>; EINVAL if the pin is not a tcx link.</summary>
    public static BpfError OpenPinned(string path, out TcxLink? link)
    {
        link = null;
        Errno err = BpfSyscall.GetPinned(path, out FileDescriptorHandle? handle);
        if (err.IsSuccess)
        {
            err = BpfSyscall.GetLinkInfo(handle!, out BpfLinkInfo info);
            if (err.IsSuccess && info.Type != BpfLinkType.Tcx)
            {
                err = Errno.EINVAL;
            }
            if (err.IsSuccess)
            {
                link = new TcxLink(handle!);
                return BpfError.Success;
            }
            handle!.Dispose();
        }
        return new BpfError(err, $"open pinned tcx link {path}");
    }

    /// <summary>
    /// Replaces the link's program atomically (BPF_LINK_UPDATE); with <paramref name="expected"/>, only if
    /// that is the current program (EPERM otherwise). ENOLINK: the device went away and the link is severed.
    /// </summary>
    public Errno Update(BpfProgram program, BpfProgram? expected = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        return BpfSyscall.UpdateLink(Handle, program.Handle, expected?.Handle);
    }

    public BpfError Pin(string path)
    {
        Errno err = BpfSyscall.Pin(Handle, path);
        return err.IsSuccess ? BpfError.Success : new BpfError(err, $"pin tcx link at {path}");
    }

    /// <summary>Takes the program off the hook (BPF_LINK_DETACH); the link object lives on, defunct, until closed and unpinned.</summary>
    public Errno Detach() => BpfSyscall.DetachLink(Handle);

    /// <summary>Link id, program id, ifindex (0 once detached) and attach type.</summary>
    public Errno GetInfo(out BpfLinkInfo info) => BpfSyscall.GetLinkInfo(Handle, out info);

    /// <summary>The programs on a device's tcx hook, in run order, and the hook's revision (BPF_PROG_QUERY).</summary>
    public static Errno QueryPrograms(int ifIndex, TcxDirection direction, List<uint> programIds, out ulong revision)
    {
        ArgumentNullException.ThrowIfNull(programIds);
        Span<uint> ids = stackalloc uint[64];
        Errno err = BpfSyscall.QueryPrograms(ifIndex, AttachType(direction), ids, out int count, out revision);
        if (err.IsSuccess)
        {
            programIds.AddRange(ids[..Math.Min(count, ids.Length)]);
        }
        return err;
    }

    public void Dispose() => Handle.Dispose();

    internal static BpfAttachType AttachType(TcxDirection direction) => direction == TcxDirection.Ingress ? BpfAttachType.TcxIngress : BpfAttachType.TcxEgress;
}
