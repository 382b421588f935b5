using NetTeam.Bpf.Asm;
using static NetTeam.Bpf.Asm.Register;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// Broadcast, unrolled over the 64 slots (no bpf_loop, whose callback the verifier charges ~110k
/// instructions for 64 steps): walking from slot 63 down, the first txable slot found keeps the original
/// frame (bpf_redirect once the program returns), every other txable slot gets a bpf_clone_redirect now,
/// counted when the clone was handed over. The kernel's bc_transmit clones to all but the last port of its
/// list; which port gets the original does not change what leaves.
/// </summary>
internal static class TxBroadcastEmitter
{
    public static void Emit(Assembler a, TeamMaps maps, string drop)
    {
        // R8: whether a slot for the original was found (its ifindex is at fp + Layout.Target).
        a.Mov64(R8, 0);
        for (int slot = TeamSnapshot.MaxPorts - 1; slot >= 0; slot--)
        {
            EmitSlot(a, maps, slot);
        }
        a.Jump(JumpOp.Eq, R8, 0, drop);
        CounterEmitter.Add(a, maps.Stats, TeamMaps.TeamStatsIndex, Increment.Packets(Layout.TxPackets), Increment.Bytes(Layout.TxBytes));
        TxProgram.EmitRedirectToTarget(a);
    }

    private static void EmitSlot(Assembler a, TeamMaps maps, int slot)
    {
        string next = a.NewLabel("bc_next");
        string clone = a.NewLabel("bc_clone");
        string count = a.NewLabel("bc_count");
        a.Load(Width.DWord, R1, R7, Layout.TxableMask);
        if (slot > 0)
        {
            a.Alu64(AluOp.Rsh, R1, slot);
        }
        a.Alu64(AluOp.And, R1, 1);
        a.Jump(JumpOp.Eq, R1, 0, next);
        a.Load(Width.Word, R1, R7, (short)(Layout.SlotIfIndex + (4 * slot)));
        a.Jump(JumpOp.Eq, R1, 0, next);
        a.Jump(JumpOp.Ne, R8, 0, clone);
        // The highest txable slot keeps the original.
        a.Store(Width.Word, R10, Layout.Target, R1);
        a.Mov64(R8, 1);
        a.Jump(count);
        a.Label(clone);
        // long bpf_clone_redirect(skb, ifindex, flags)
        a.Mov64(R2, R1);
        a.Mov64(R1, R6);
        a.Mov64(R3, 0);
        a.Call(Helper.CloneRedirect);
        a.Jump(JumpOp.Ne, R0, 0, next);
        a.Label(count);
        CounterEmitter.Add(a, maps.Stats, slot, Increment.Packets(Layout.TxPackets), Increment.Bytes(Layout.TxBytes));
        a.Label(next);
    }
}
