namespace NetTeam.Interop.Bpf;

/// <summary>The verifier's log_level bits (BPF_LOG_LEVEL1, BPF_LOG_LEVEL2, BPF_LOG_STATS; include/linux/bpf_verifier.h).</summary>
[Flags]
public enum BpfLogLevel : uint
{
    None = 0,

    /// <summary>The instructions of the path that failed, with register states.</summary>
    Instructions = 1,

    /// <summary>Every path the verifier walked.</summary>
    Verbose = 2,

    /// <summary>Only the summary: instructions processed, states, verification time.</summary>
    Stats = 4,
}
