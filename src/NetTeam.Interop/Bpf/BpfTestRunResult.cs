namespace NetTeam.Interop.Bpf;

/// <summary>What BPF_PROG_TEST_RUN returned: the program's return value, the output sizes and the mean run time.</summary>
/// <param name="DurationNanoseconds">The mean time of one run over all repeats, in ns.</param>
public readonly record struct BpfTestRunResult(uint ReturnValue, int DataSizeOut, int ContextSizeOut, uint DurationNanoseconds);
