namespace NetTeam.Bpf;

/// <summary>One BPF_PROG_TEST_RUN: the program's return value (a tc verdict), the frame as the program left it, the mean run time.</summary>
public sealed record TestRunOutput(uint ReturnValue, byte[] Data, uint DurationNanoseconds);
