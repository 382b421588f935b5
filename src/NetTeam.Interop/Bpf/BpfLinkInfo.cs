namespace NetTeam.Interop.Bpf;

/// <summary>What BPF_OBJ_GET_INFO_BY_FD tells about a link (struct bpf_link_info); ifindex and attach type for tcx.</summary>
public readonly record struct BpfLinkInfo(BpfLinkType Type, uint Id, uint ProgramId, int IfIndex, BpfAttachType AttachType);
