using NetTeam.Bpf.Asm;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// Emits the two lookups that reach the published snapshot (team.bpf.c snapshot()): snapshots[0], the
/// inner map, then its element 0. Nothing published yet, or a lookup that fails, jumps to
/// <c>missing</c>. Leaves the snapshot pointer in R7; clobbers R0-R5 and the key slot.
/// </summary>
internal static class SnapshotEmitter
{
    public static void Load(Assembler a, TeamMaps maps, string missing)
    {
        a.StoreImm(Width.Word, Register.R10, Layout.Key, 0);
        a.MapLookup(maps.Snapshots, Layout.Key);
        a.Jump(JumpOp.Eq, Register.R0, 0, missing);
        // bpf_map_lookup_elem(inner, &zero): the outer lookup's result is the inner map itself.
        a.Mov64(Register.R1, Register.R0);
        a.Mov64(Register.R2, Register.R10);
        a.Alu64(AluOp.Add, Register.R2, Layout.Key);
        a.Call(Helper.MapLookupElem);
        a.Jump(JumpOp.Eq, Register.R0, 0, missing);
        a.Mov64(Register.R7, Register.R0);
    }
}
