namespace NetTeam.Bpf.Asm;

/// <summary>
/// A typed eBPF instruction emitter with labels (the design of cilium/ebpf's asm package, in C#): each
/// method appends one instruction (or two for 64-bit immediates), jumps name a label, and
/// <see cref="Build"/> resolves labels into offsets counted in slots from the next instruction
/// (instruction-set.rst, "Jump instructions"). Mistakes in a generator (unknown or duplicate labels,
/// impossible operands) throw <see cref="AssemblerException"/> or <see cref="ArgumentException"/>: they are bugs,
/// not run-time conditions. Whether the program is safe is the verifier's call, when it is loaded.
/// </summary>
public sealed partial class Assembler
{
    private readonly List<Instruction> _instructions = [];
    private readonly Dictionary<string, int> _labels = new(StringComparer.Ordinal);
    private int _labelCounter;

    /// <summary>Instruction slots emitted so far.</summary>
    public int Count => _instructions.Count;

    /// <summary>Marks the next instruction emitted with <paramref name="name"/>.</summary>
    public void Label(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_labels.TryAdd(name, _instructions.Count))
        {
            throw new AssemblerException($"Label \"{name}\" is defined twice.");
        }
    }

    /// <summary>A label name no other call returns, for generated (e.g. unrolled) code.</summary>
    public string NewLabel(string hint) => $"{hint}#{_labelCounter++}";

    /// <summary>Appends a raw instruction (its <see cref="Instruction.Target"/>, if any, is resolved by <see cref="Build"/>).</summary>
    public void Emit(Instruction instruction) => _instructions.Add(instruction);

    /// <summary>The program with every jump's offset resolved.</summary>
    public IReadOnlyList<Instruction> Build()
    {
        foreach ((string name, int position) in _labels)
        {
            if (position == _instructions.Count)
            {
                throw new AssemblerException($"Label \"{name}\" marks no instruction (it is at the end of the program).");
            }
        }
        Instruction[] program = new Instruction[_instructions.Count];
        for (int i = 0; i < program.Length; i++)
        {
            Instruction insn = _instructions[i];
            if (insn.Target is null)
            {
                program[i] = insn;
                continue;
            }
            if (!_labels.TryGetValue(insn.Target, out int target))
            {
                throw new AssemblerException($"Instruction {i} jumps to unknown label \"{insn.Target}\".");
            }
            int offset = target - (i + 1);
            if (offset is < short.MinValue or > short.MaxValue)
            {
                throw new AssemblerException($"Instruction {i} jumps {offset} slots to \"{insn.Target}\", beyond a 16-bit offset.");
            }
            program[i] = insn.WithOffset((short)offset);
        }
        return program;
    }

    private void Emit(byte opCode, Register dst, Register src, short offset, int constant) =>
        _instructions.Add(new Instruction(opCode, dst, src, offset, constant));

    private static void CheckWritable(Register dst)
    {
        CheckRegister(dst);
        if (dst == Register.R10)
        {
            throw new ArgumentException("R10, the frame pointer, is read-only.", nameof(dst));
        }
    }

    private static void CheckRegister(Register register)
    {
        if ((byte)register > (byte)Register.R10)
        {
            throw new ArgumentOutOfRangeException(nameof(register), register, "eBPF has registers R0-R10.");
        }
    }
}
