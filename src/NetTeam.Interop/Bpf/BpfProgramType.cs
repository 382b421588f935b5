namespace NetTeam.Interop.Bpf;

/// <summary>enum bpf_prog_type (linux/bpf.h).</summary>
public enum BpfProgramType : uint
{
    Unspecified = 0,
    SocketFilter = 1,

    /// <summary>BPF_PROG_TYPE_SCHED_CLS: tc and tcx classifiers (a struct __sk_buff context).</summary>
    SchedCls = 3,
    SchedAct = 4,
    Xdp = 6,
}
