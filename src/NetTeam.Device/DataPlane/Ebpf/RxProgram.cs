using NetTeam.Bpf;
using NetTeam.Bpf.Asm;
using NetTeam.Interop.Bpf;
using static NetTeam.Bpf.Asm.Register;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// The tcx ingress program of every port, generated per mode (team_handle_frame and the modes' receive
/// ops, as team.bpf.c sketches them): port_slot[skb->ifindex] names the slot; when the slot is enabled and
/// the mode accepts the frame (activebackup: the active slot only, ab_receive; loadbalance: not a
/// slow-protocols frame to 01:80:c2:00:00:02, lb_receive; none: never; the others: always), it counts rx
/// (and rx_multicast by skb->pkt_type) on the slot and the team and redirects into the team interface's
/// receive path (bpf_redirect with BPF_F_INGRESS). Otherwise the frame is counted as rx_passed and dropped
/// (TC_ACT_SHOT): the kernel's team answers such a frame with RX_HANDLER_EXACT, which hands it to packet
/// sockets only, never to the stack, and here the packet taps (ETH_P_ALL: the runners' LACPDU and probe
/// channels) have seen it before tcx ingress runs. Slow Protocols frames alone go on (TC_ACT_OK), for
/// sockets bound to the port for ETH_P_SLOW; no stack handles them. So the port's own stack never sees a
/// frame of the team's, and needs no silencing (NOARP, disable_ipv6, rp_filter) on this plane. A device that
/// is not a port of ours, or no snapshot yet, passes uncounted.
/// </summary>
public static class RxProgram
{
    private const int EtherTypeSlowProtocols = 0x8809;

    /// <summary>skb->protocol holds the EtherType in network order: 0x8809 reads 0x0988 on a little-endian host.</summary>
    private const int SlowProtocolsNetworkOrder = 0x0988;

    public static ProgramSpec Generate(ModeKind mode, TeamMaps maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        Assembler a = new();
        a.Mov64(R6, R1);
        a.Load(Width.Word, R1, R6, SkBuff.IfIndex);
        a.Store(Width.Word, R10, Layout.Key, R1);
        a.MapLookup(maps.PortSlot, Layout.Key);
        a.Jump(JumpOp.Eq, R0, 0, "not_ours");
        a.Load(Width.Word, R9, R0, 0);
        a.Jump(JumpOp.Gt, R9, TeamSnapshot.MaxPorts - 1, "not_ours");
        SnapshotEmitter.Load(a, maps, "not_ours");
        if (mode == ModeKind.None)
        {
            a.Jump("pass");
        }
        else
        {
            a.Load(Width.DWord, R1, R7, Layout.EnabledMask);
            a.Alu64(AluOp.Rsh, R1, R9);
            a.Alu64(AluOp.And, R1, 1);
            a.Jump(JumpOp.Eq, R1, 0, "pass");
            EmitModeCheck(a, mode);
            EmitAccept(a, maps);
        }
        a.Label("pass");
        CounterEmitter.Add(a, maps.Stats, R9, Increment.Packets(Layout.RxPassed));
        // Slow Protocols frames (LACPDUs, Marker PDUs) go on to packet sockets bound to the port for
        // ETH_P_SLOW, as RX_HANDLER_EXACT delivers them to teamd's; the stack has no handler for them.
        a.Load(Width.Word, R1, R6, SkBuff.Protocol);
        a.Jump(JumpOp.Eq, R1, SlowProtocolsNetworkOrder, "not_ours");
        a.Return(TcAction.Shot);
        a.Label("not_ours");
        a.Return(TcAction.Ok);
        return new ProgramSpec(Name(mode), BpfProgramType.SchedCls, a.Build());
    }

    public static string Name(ModeKind mode) => mode switch
    {
        ModeKind.None => "nt_rx_none",
        ModeKind.Broadcast => "nt_rx_bc",
        ModeKind.RoundRobin => "nt_rx_rr",
        ModeKind.Random => "nt_rx_rnd",
        ModeKind.ActiveBackup => "nt_rx_ab",
        ModeKind.LoadBalance => "nt_rx_lb",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    private static void EmitModeCheck(Assembler a, ModeKind mode)
    {
        if (mode == ModeKind.ActiveBackup)
        {
            a.LoadSigned(Width.Word, R1, R7, Layout.ActiveSlot);
            a.Jump(JumpOp.Ne, R1, R9, "pass");
        }
        else if (mode == ModeKind.LoadBalance)
        {
            // FramePath.IsSlowProtocolsFrame: a frame too short for the check is not one.
            a.LoadPacketBytes(R6, 0, Layout.Packet, 14, "accept");
            a.LoadNetworkOrder(Width.Word, R1, Layout.Packet);
            a.Jump(JumpOp.Ne, R1, 0x0180c200, "accept");
            a.LoadNetworkOrder(Width.Half, R1, Layout.Packet + 4);
            a.Jump(JumpOp.Ne, R1, 0x0002, "accept");
            a.LoadNetworkOrder(Width.Half, R1, Layout.Packet + 12);
            a.Jump(JumpOp.Eq, R1, EtherTypeSlowProtocols, "pass");
        }
    }

    private static void EmitAccept(Assembler a, TeamMaps maps)
    {
        a.Label("accept");
        // R8: multicast or broadcast, as eth_type_trans classified the destination.
        a.Mov64(R8, 0);
        a.Load(Width.Word, R1, R6, SkBuff.PktType);
        a.Jump(JumpOp.Eq, R1, PacketType.Broadcast, "multicast");
        a.Jump(JumpOp.Ne, R1, PacketType.Multicast, "counted_kind");
        a.Label("multicast");
        a.Mov64(R8, 1);
        a.Label("counted_kind");
        Increment[] rx = [Increment.Packets(Layout.RxPackets), Increment.Bytes(Layout.RxBytes), new Increment(Layout.RxMulticast, OnlyIf: R8)];
        CounterEmitter.Add(a, maps.Stats, R9, rx);
        CounterEmitter.Add(a, maps.Stats, TeamMaps.TeamStatsIndex, rx);
        a.Load(Width.Word, R1, R7, Layout.TeamIfIndex);
        a.Mov64(R2, TcAction.RedirectIngress);
        a.Call(Helper.Redirect);
        a.Exit();
    }
}
