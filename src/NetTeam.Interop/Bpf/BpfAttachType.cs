namespace NetTeam.Interop.Bpf;

/// <summary>
/// enum bpf_attach_type (linux/bpf.h). The tcx values arrived in Linux 6.6 and are missing from Debian's
/// 6.1 headers, so they are spelled out here: BPF_TCX_INGRESS = 46, BPF_TCX_EGRESS = 47.
/// </summary>
public enum BpfAttachType : uint
{
    /// <summary>No expected attach type (BPF_CGROUP_INET_INGRESS shares the value 0; NetTeam never uses it).</summary>
    None = 0,
    TcxIngress = 46,
    TcxEgress = 47,
}
