using NetTeam.Bpf.Asm;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// Emits the two lookups that reach the published snapshot: current[0], the ring entry in use, then that
/// entry of snapshots (masked into the ring, the bound the verifier needs). A lookup that fails jumps to
/// <c>missing</c>. Leaves the snapshot pointer in R7; clobbers R0-R5 and the key slot.
/// </summary>
internal static class SnapshotEmitter
{
    public static void Load(Assembler a, TeamMaps maps, string missing)
    {
        a.StoreImm(Width.Word, Register.R10, Layout.Key, 0);
        a.MapLookup(maps.Current, Layout.Key);
        a.Jump(JumpOp.Eq, Register.R0, 0, missing);
        a.Load(Width.Word, Register.R1, Register.R0, 0);
        a.Alu64(AluOp.And, Register.R1, TeamMaps.SnapshotRing - 1);
        a.Store(Width.Word, Register.R10, Layout.Key, Register.R1);
        a.MapLookup(maps.Snapshots, Layout.Key);
        a.Jump(JumpOp.Eq, Register.R0, 0, missing);
        a.Mov64(Register.R7, Register.R0);
    }
}
