using NetTeam.Bpf;
using NetTeam.Bpf.Asm;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// Emits "stats[index].field += 1 or += skb->len" for the generated programs. The counters are per CPU,
/// so plain loads and stores suffice (tc runs with bottom halves off; no other writer on this CPU).
/// R6 must hold the skb; clobbers R0-R5 and the key slot.
/// </summary>
internal static class CounterEmitter
{
    /// <summary>Adds to stats[<paramref name="index"/>], a register holding a bounded slot.</summary>
    public static void Add(Assembler a, BpfMap stats, Register index, params ReadOnlySpan<Increment> increments)
    {
        a.Store(Width.Word, Register.R10, Layout.Key, index);
        AddAtKey(a, stats, increments);
    }

    /// <summary>Adds to stats[<paramref name="index"/>], a constant.</summary>
    public static void Add(Assembler a, BpfMap stats, int index, params ReadOnlySpan<Increment> increments)
    {
        a.StoreImm(Width.Word, Register.R10, Layout.Key, index);
        AddAtKey(a, stats, increments);
    }

    private static void AddAtKey(Assembler a, BpfMap stats, ReadOnlySpan<Increment> increments)
    {
        string skip = a.NewLabel("count_skip");
        a.MapLookup(stats, Layout.Key);
        a.Jump(JumpOp.Eq, Register.R0, 0, skip);
        foreach (Increment increment in increments)
        {
            string next = a.NewLabel("count_next");
            if (increment.OnlyIf is Register condition)
            {
                a.Jump(JumpOp.Eq, condition, 0, next);
            }
            a.Load(Width.DWord, Register.R1, Register.R0, increment.Offset);
            if (increment.ByLength)
            {
                a.Load(Width.Word, Register.R2, Register.R6, SkBuff.Len);
                a.Alu64(AluOp.Add, Register.R1, Register.R2);
            }
            else
            {
                a.Alu64(AluOp.Add, Register.R1, 1);
            }
            a.Store(Width.DWord, Register.R0, increment.Offset, Register.R1);
            if (increment.OnlyIf is not null)
            {
                a.Label(next);
            }
        }
        // The caller always emits more after this: a label must mark an instruction.
        a.Label(skip);
    }
}
