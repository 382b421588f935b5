using System.Globalization;
using NetTeam.Bpf;
using NetTeam.Bpf.Asm;
using NetTeam.Interop.Bpf;
using static NetTeam.Bpf.Asm.Register;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// The team TAP's tcx egress program, generated per mode (and, for loadbalance, per fragment set) from
/// the kernel team's transmit ops (drivers/net/team/team_mode_*.c) as team.bpf.c sketches them:
/// <list type="bullet">
/// <item>broadcast (bc_transmit): a clone to every txable slot but one, the original to that one;</item>
/// <item>roundrobin (rr_transmit): first_txable[rr_sent++ % en_count], rr_sent per CPU;</item>
/// <item>random (rnd_transmit): first_txable[(prandom * en_count) &gt;&gt; 32];</item>
/// <item>activebackup (ab_transmit): the active slot, with no txable check;</item>
/// <item>loadbalance (lb_transmit): the bucket of <see cref="TxHash"/>, hash_to_slot under hash_to_port_mapping,
/// else en_slots[bucket % en_count], and hash_bytes[bucket] += len.</item>
/// </list>
/// No snapshot, no mode, or no slot: tx_dropped on the team and TC_ACT_SHOT. A frame that leaves counts
/// tx_packets/tx_bytes on its slot and on the team.
/// </summary>
public static class TxProgram
{
    public static ProgramSpec Generate(ModeKind mode, HashFragments fragments, TeamMaps maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        Assembler a = new();
        a.Mov64(R6, R1);
        if (mode == ModeKind.None)
        {
            EmitDrop(a, maps);
            return Spec(a, mode, fragments);
        }
        SnapshotEmitter.Load(a, maps, "drop");
        switch (mode)
        {
            case ModeKind.Broadcast:
                TxBroadcastEmitter.Emit(a, maps, "drop");
                break;
            case ModeKind.RoundRobin:
                EmitRoundRobin(a, maps);
                EmitSendToSlot(a, maps, mode);
                break;
            case ModeKind.Random:
                EmitRandom(a);
                EmitSendToSlot(a, maps, mode);
                break;
            case ModeKind.ActiveBackup:
                a.LoadSigned(Width.Word, R9, R7, Layout.ActiveSlot);
                EmitSendToSlot(a, maps, mode);
                break;
            case ModeKind.LoadBalance:
                TxHashEmitter.Emit(a, fragments);
                EmitLoadBalance(a);
                EmitSendToSlot(a, maps, mode);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
        a.Label("drop");
        EmitDrop(a, maps);
        return Spec(a, mode, fragments);
    }

    /// <summary>The program's name: nt_tx_MODE, and the fragment bits in hex for loadbalance.</summary>
    public static string Name(ModeKind mode, HashFragments fragments) => mode switch
    {
        ModeKind.None => "nt_tx_none",
        ModeKind.Broadcast => "nt_tx_bc",
        ModeKind.RoundRobin => "nt_tx_rr",
        ModeKind.Random => "nt_tx_rnd",
        ModeKind.ActiveBackup => "nt_tx_ab",
        ModeKind.LoadBalance => "nt_tx_lb_" + ((int)fragments).ToString("x2", CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private static ProgramSpec Spec(Assembler a, ModeKind mode, HashFragments fragments) =>
        new(Name(mode, fragments), BpfProgramType.SchedCls, a.Build());

    /// <summary>R9 = first_txable[rr_sent++ % en_count] (signed: -1 when no port is txable).</summary>
    private static void EmitRoundRobin(Assembler a, TeamMaps maps)
    {
        a.StoreImm(Width.Word, R10, Layout.Key, 0);
        a.MapLookup(maps.RoundRobinSent, Layout.Key);
        a.Jump(JumpOp.Eq, R0, 0, "drop");
        // No enabled port: drop without counting a send, as rr_transmit.
        a.Load(Width.Word, R2, R7, Layout.EnabledCount);
        a.Jump(JumpOp.Eq, R2, 0, "drop");
        a.Load(Width.DWord, R1, R0, 0);
        a.Mov64(R3, R1);
        a.Alu64(AluOp.Add, R3, 1);
        a.Store(Width.DWord, R0, 0, R3);
        a.Alu64(AluOp.Mod, R1, R2);
        EmitFirstTxable(a, R1);
    }

    /// <summary>R9 = first_txable[(prandom_u32 * en_count) &gt;&gt; 32], prandom_u32_max's reduction.</summary>
    private static void EmitRandom(Assembler a)
    {
        a.Call(Helper.GetPrandomU32);
        a.Load(Width.Word, R2, R7, Layout.EnabledCount);
        a.Jump(JumpOp.Eq, R2, 0, "drop");
        a.Mov64(R1, R0);
        a.Alu64(AluOp.Mul, R1, R2);
        a.Alu64(AluOp.Rsh, R1, 32);
        EmitFirstTxable(a, R1);
    }

    private static void EmitFirstTxable(Assembler a, Register index)
    {
        // The verifier bounds the register it indexes with: mask it (en_count <= 64 makes this a no-op).
        a.Alu64(AluOp.And, index, TeamSnapshot.MaxPorts - 1);
        a.Alu64(AluOp.Add, index, R7);
        a.LoadSigned(Width.Byte, R9, index, Layout.FirstTxable);
    }

    /// <summary>R8 holds the bucket: R9 = hash_to_slot[bucket] when mapped under hash_to_port_mapping, else en_slots[bucket % en_count].</summary>
    private static void EmitLoadBalance(Assembler a)
    {
        a.Load(Width.Word, R1, R7, Layout.TxMethod);
        a.Jump(JumpOp.Ne, R1, (int)LbTxMethod.HashToPortMapping, "by_hash");
        a.Mov64(R1, R8);
        a.Alu64(AluOp.Add, R1, R7);
        a.LoadSigned(Width.Byte, R9, R1, Layout.HashToSlot);
        a.Jump(JumpOp.SGe, R9, 0, "send");
        a.Label("by_hash");
        a.Load(Width.Word, R2, R7, Layout.EnabledCount);
        a.Jump(JumpOp.Eq, R2, 0, "drop");
        a.Mov64(R1, R8);
        a.Alu64(AluOp.Mod, R1, R2);
        a.Alu64(AluOp.And, R1, TeamSnapshot.MaxPorts - 1);
        a.Alu64(AluOp.Add, R1, R7);
        a.Load(Width.Byte, R9, R1, Layout.EnabledSlots);
    }

    /// <summary>R9 holds the slot (signed): check it, count, redirect to its ifindex.</summary>
    private static void EmitSendToSlot(Assembler a, TeamMaps maps, ModeKind mode)
    {
        a.Label("send");
        a.Jump(JumpOp.SLt, R9, 0, "drop");
        a.Jump(JumpOp.Gt, R9, TeamSnapshot.MaxPorts - 1, "drop");
        a.Mov64(R1, R9);
        a.Alu64(AluOp.Lsh, R1, 2);
        a.Alu64(AluOp.Add, R1, R7);
        a.Load(Width.Word, R1, R1, Layout.SlotIfIndex);
        a.Jump(JumpOp.Eq, R1, 0, "drop");
        a.Store(Width.Word, R10, Layout.Target, R1);
        CounterEmitter.Add(a, maps.Stats, R9, Increment.Packets(Layout.TxPackets), Increment.Bytes(Layout.TxBytes));
        CounterEmitter.Add(a, maps.Stats, TeamMaps.TeamStatsIndex, Increment.Packets(Layout.TxPackets), Increment.Bytes(Layout.TxBytes));
        if (mode == ModeKind.LoadBalance)
        {
            a.Store(Width.Word, R10, Layout.Key, R8);
            a.MapLookup(maps.HashBytes, Layout.Key);
            a.Jump(JumpOp.Eq, R0, 0, "redirect");
            a.Load(Width.DWord, R1, R0, 0);
            a.Load(Width.Word, R2, R6, SkBuff.Len);
            a.Alu64(AluOp.Add, R1, R2);
            a.Store(Width.DWord, R0, 0, R1);
        }
        a.Label("redirect");
        EmitRedirectToTarget(a);
    }

    internal static void EmitRedirectToTarget(Assembler a)
    {
        a.Load(Width.Word, R1, R10, Layout.Target);
        a.Mov64(R2, 0);
        a.Call(Helper.Redirect);
        a.Exit();
    }

    private static void EmitDrop(Assembler a, TeamMaps maps)
    {
        CounterEmitter.Add(a, maps.Stats, TeamMaps.TeamStatsIndex, Increment.Packets(Layout.TxDropped));
        a.Return(TcAction.Shot);
    }
}
