using System.Buffers.Binary;

namespace NetTeam.Device.DataPlane;

/// <summary>
/// The per-frame decisions of the five modes over a snapshot: which port a frame leaves on, and whether a
/// frame received on a port reaches the team. They follow the kernel's mode ops (Linux
/// drivers/net/team/team_mode_*.c), read only precomputed tables (the eBPF programs generated for each mode
/// read the same ones) and allocate nothing.
/// </summary>
public static class FramePath
{
    /// <summary>Chooses where a frame (without its vnet header) is sent.</summary>
    public static TxDecision SelectTx(in TeamSnapshotData snapshot, ReadOnlySpan<byte> frame, ref TxState state)
    {
        int count = (int)snapshot.EnabledCount;
        switch (snapshot.ModeKind)
        {
            case ModeKind.Broadcast:
                return snapshot.TxableMask != 0 ? TxDecision.AllTxable : TxDecision.Drop;

            case ModeKind.RoundRobin:
                // team_mode_roundrobin.c rr_transmit: sent_packets++ % en_port_count, then the first txable port.
                return count == 0 ? TxDecision.Drop : Slot(snapshot.FirstTxable[(int)(state.SentPackets++ % (ulong)count)]);

            case ModeKind.Random:
                // team_mode_random.c rnd_transmit: prandom_u32_max(en_port_count), then the first txable port.
                return count == 0 ? TxDecision.Drop : Slot(snapshot.FirstTxable[(int)state.NextBelow((uint)count)]);

            case ModeKind.ActiveBackup:
                // team_mode_activebackup.c ab_transmit: only the active port, no txable check.
                return Slot(snapshot.ActiveSlot);

            case ModeKind.LoadBalance:
                return LoadBalance(snapshot, frame, count);

            default:
                return TxDecision.Drop;
        }
    }

    private static TxDecision LoadBalance(in TeamSnapshotData snapshot, ReadOnlySpan<byte> frame, int count)
    {
        byte hash = TxHash.Bucket(frame, snapshot.HashFragments);
        if (snapshot.LbTxMethod == LbTxMethod.HashToPortMapping)
        {
            sbyte mapped = snapshot.HashToSlot[hash];
            if (mapped >= 0)
            {
                return TxDecision.ToPort(mapped, hash);
            }
        }
        // lb_htpm_select_tx_port falls back to lb_hash_select_tx_port: en_port[hash % en_port_count].
        return count == 0 ? TxDecision.Drop with { Bucket = hash } : TxDecision.ToPort(snapshot.EnabledSlots[hash % count], hash);
    }

    private static TxDecision Slot(int slot) => slot >= 0 ? TxDecision.ToPort(slot) : TxDecision.Drop;

    /// <summary>
    /// Whether a frame received on <paramref name="slot"/> is delivered to the team interface
    /// (RX_HANDLER_ANOTHER) or not (RX_HANDLER_EXACT / PASS: it stays with the port).
    /// </summary>
    public static bool AcceptRx(in TeamSnapshotData snapshot, int slot, ReadOnlySpan<byte> frame)
    {
        if ((snapshot.EnabledMask & (1UL << slot)) == 0)
        {
            // team_handle_frame: a disabled port keeps its frames.
            return false;
        }
        return snapshot.ModeKind switch
        {
            // ab_receive: frames on a non-active port are not the team's.
            ModeKind.ActiveBackup => slot == snapshot.ActiveSlot,
            // lb_receive: LACPDUs (ETH_P_SLOW to 01:80:c2:00:00:02) stay on the port for teamd's socket.
            ModeKind.LoadBalance => !IsSlowProtocolsFrame(frame),
            ModeKind.None => false,
            _ => true,
        };
    }

    public static bool IsSlowProtocolsFrame(ReadOnlySpan<byte> frame) =>
        frame.Length >= 14 &&
        frame[0] == 0x01 && frame[1] == 0x80 && frame[2] == 0xC2 && frame[3] == 0x00 && frame[4] == 0x00 && frame[5] == 0x02 &&
        BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == Frames.EthernetHeader.SlowProtocols;

    public static bool IsMulticast(ReadOnlySpan<byte> frame) => frame.Length > 0 && (frame[0] & 1) != 0;
}
