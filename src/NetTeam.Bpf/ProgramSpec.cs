using NetTeam.Bpf.Asm;
using NetTeam.Interop.Bpf;

namespace NetTeam.Bpf;

/// <summary>
/// A program to load: its name, type, assembled instructions (jumps resolved, maps referenced by
/// object) and licence. "Dual MIT/GPL" counts as GPL-compatible (include/linux/license.h), which some
/// helpers require.
/// </summary>
public sealed record ProgramSpec(string Name, BpfProgramType Type, IReadOnlyList<Instruction> Instructions)
{
    public const string DefaultLicense = "Dual MIT/GPL";

    public string License { get; init; } = DefaultLicense;

    /// <summary>expected_attach_type; tcx programs need none (SCHED_CLS attaches to either direction).</summary>
    public BpfAttachType ExpectedAttachType { get; init; }

    /// <summary>The maps the program refers to, each once.</summary>
    public IReadOnlyList<BpfMap> Maps
    {
        get
        {
            List<BpfMap> maps = [];
            foreach (Instruction insn in Instructions)
            {
                if (insn.Map is not null && !maps.Contains(insn.Map))
                {
                    maps.Add(insn.Map);
                }
            }
            return maps;
        }
    }

    /// <summary>
    /// The raw bytes the kernel loads, each map reference's immediate set to the map's current fd. The
    /// caller keeps the maps open until the load returns.
    /// </summary>
    public byte[] Encode()
    {
        byte[] code = new byte[Instructions.Count * 8];
        for (int i = 0; i < Instructions.Count; i++)
        {
            Instruction insn = Instructions[i];
            if (insn.Target is not null)
            {
                throw new InvalidOperationException($"Instruction {i} still names label \"{insn.Target}\": build the program with Assembler.Build.");
            }
            if (insn.Map is not null)
            {
                insn = insn.WithConstant(insn.Map.Handle.Fd);
            }
            insn.Write(code.AsSpan(i * 8));
        }
        return code;
    }
}
