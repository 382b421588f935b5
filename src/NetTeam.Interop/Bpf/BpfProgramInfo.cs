namespace NetTeam.Interop.Bpf;

/// <summary>What BPF_OBJ_GET_INFO_BY_FD tells about a program (struct bpf_prog_info).</summary>
/// <param name="Tag">The kernel's 8-byte tag (a hash of the instructions, map fds excluded) as hex.</param>
/// <param name="XlatedLength">Bytes of the program after the verifier rewrote it (8 per instruction).</param>
/// <param name="JitedLength">Bytes of machine code, 0 without the JIT.</param>
/// <param name="VerifiedInstructions">Instructions the verifier processed over all paths (verified_insns, Linux 5.16).</param>
public readonly record struct BpfProgramInfo(
    BpfProgramType Type,
    uint Id,
    string Tag,
    string Name,
    uint XlatedLength,
    uint JitedLength,
    uint VerifiedInstructions,
    uint MapCount);
