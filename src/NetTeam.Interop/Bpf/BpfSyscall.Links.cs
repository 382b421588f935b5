using NetTeam.Interop.Bpf.Native;

namespace NetTeam.Interop.Bpf;

public static unsafe partial class BpfSyscall
{
    /// <summary>
    /// BPF_LINK_CREATE for a netdev hook (tcx: BPF_TCX_INGRESS / BPF_TCX_EGRESS, Linux 6.6): the program
    /// runs on <paramref name="ifIndex"/> (in the calling thread's network namespace) until the link is
    /// detached or its last reference (fd or pin) goes. No anchor flags: the link goes at the end of the
    /// device's list.
    /// </summary>
    public static Errno CreateLink(FileDescriptorHandle program, int ifIndex, BpfAttachType attachType, out FileDescriptorHandle? link)
    {
        ArgumentNullException.ThrowIfNull(program);
        LinkCreateAttr attr = new() { ProgFd = (uint)program.Fd, TargetIfIndex = (uint)ifIndex, AttachType = (uint)attachType };
        return NewFd(BpfNative.Call(BpfCommand.LinkCreate, ref attr), out link);
    }

    /// <summary>
    /// BPF_LINK_UPDATE: swaps the link's program atomically (no frame sees no program). With
    /// <paramref name="expectedProgram"/>, only if that program is the current one (BPF_F_REPLACE), else EPERM.
    /// ENOLINK when the link was severed (its device is gone).
    /// </summary>
    public static Errno UpdateLink(FileDescriptorHandle link, FileDescriptorHandle program, FileDescriptorHandle? expectedProgram)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(program);
        LinkUpdateAttr attr = new()
        {
            LinkFd = (uint)link.Fd,
            NewProgFd = (uint)program.Fd,
            Flags = expectedProgram is null ? 0 : BpfNative.FReplace,
            OldProgFd = expectedProgram is null ? 0 : (uint)expectedProgram.Fd,
        };
        return Result(BpfNative.Call(BpfCommand.LinkUpdate, ref attr));
    }

    /// <summary>BPF_LINK_DETACH: the program stops running; the link object stays (defunct) until closed.</summary>
    public static Errno DetachLink(FileDescriptorHandle link)
    {
        ArgumentNullException.ThrowIfNull(link);
        LinkDetachAttr attr = new() { LinkFd = (uint)link.Fd };
        return Result(BpfNative.Call(BpfCommand.LinkDetach, ref attr));
    }

    /// <summary>BPF_OBJ_GET_INFO_BY_FD on a link; ifindex is 0 once a tcx link is detached.</summary>
    public static Errno GetLinkInfo(FileDescriptorHandle link, out BpfLinkInfo info)
    {
        LinkInfoNative raw = default;
        Errno err = GetInfo(link, &raw, sizeof(LinkInfoNative));
        info = err.IsSuccess
            ? new BpfLinkInfo((BpfLinkType)raw.Type, raw.Id, raw.ProgId, (int)raw.TcxIfIndex, (BpfAttachType)raw.TcxAttachType)
            : default;
        return err;
    }

    /// <summary>
    /// BPF_PROG_QUERY on a tcx hook: the ids of the programs attached to <paramref name="ifIndex"/> in run
    /// order (up to the span's length), how many there are, and the hook's revision.
    /// </summary>
    public static Errno QueryPrograms(int ifIndex, BpfAttachType attachType, Span<uint> programIds, out int count, out ulong revision)
    {
        fixed (uint* ids = programIds)
        {
            QueryAttr attr = new()
            {
                TargetFd = (uint)ifIndex,
                AttachType = (uint)attachType,
                ProgIds = programIds.IsEmpty ? 0 : (ulong)ids,
                ProgCnt = (uint)programIds.Length,
            };
            Errno err = Result(BpfNative.Call(BpfCommand.ProgQuery, ref attr));
            count = err.IsSuccess ? (int)attr.ProgCnt : 0;
            revision = err.IsSuccess ? attr.Revision : 0;
            return err;
        }
    }
}
