namespace NetTeam.Interop.Bpf;

/// <summary>enum bpf_link_type (linux/bpf.h); BPF_LINK_TYPE_TCX = 11 (Linux 6.6) is not in Debian's 6.1 headers.</summary>
public enum BpfLinkType : uint
{
    Unspecified = 0,
    RawTracepoint = 1,
    Tracing = 2,
    Cgroup = 3,
    Iter = 4,
    Netns = 5,
    Xdp = 6,
    PerfEvent = 7,
    KprobeMulti = 8,
    StructOps = 9,
    Netfilter = 10,
    Tcx = 11,
}
