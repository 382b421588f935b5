using System.Buffers.Binary;

namespace NetTeam.Device.DataPlane;

/// <summary>
/// The per-frame decisions of the five modes, over a <see cref="TeamSnapshot"/>: which port a frame leaves
/// on, and whether a frame received on a port reaches the team. These follow the kernel's mode ops
/// (Linux drivers/net/team/team_mode_*.c) and allocate nothing.
/// </summary>
public static class FramePath
{
    /// <summary>No port: the frame is dropped and counted as tx_dropped.</summary>
    public const int Drop = -1;

    /// <summary>broadcast: send a copy on every txable port.</summary>
    public const int AllTxable = -2;


    /// <summary>Chooses the transmit slot for a frame (without its vnet header).</summary>
    /// <param name="hash">The loadbalance hash bucket used, for lb_hash_stats; 0 in other modes.</param>
    public static int SelectTx(TeamSnapshot snapshot, ReadOnlySpan<byte> frame, ref TxState state, out byte hash)
    {
        hash = 0;
        switch (snapshot.Mode)
        {
            case ModeKind.Broadcast:
                return snapshot.TxableMask != 0 ? AllTxable : Drop;

            case ModeKind.RoundRobin:
            {
                // team_mode_roundrobin.c rr_transmit: sent_packets++ % en_port_count, then the first txable port.
                int count = snapshot.EnabledSlots.Length;
                if (count == 0)
                {
                    return Drop;
                }
                int start = (int)(state.SentPackets++ % (ulong)count);
                return FirstTxableFrom(snapshot, start);
            }

            case ModeKind.Random:
            {
                // team_mode_random.c rnd_transmit: prandom_u32_max(en_port_count), then the first txable port.
                int count = snapshot.EnabledSlots.Length;
                if (count == 0)
                {
                    return Drop;
                }
                return FirstTxableFrom(snapshot, (int)state.NextBelow((uint)count));
            }

            case ModeKind.ActiveBackup:
                // team_mode_activebackup.c ab_transmit: only the active port, no txable check.
                return snapshot.ActiveSlot >= 0 ? snapshot.ActiveSlot : Drop;

            case ModeKind.LoadBalance:
            {
                hash = TxHash.Bucket(frame, snapshot.Fragments);
                if (snapshot.TxMethod == LbTxMethod.HashToPortMapping)
                {
                    short mapped = snapshot.HashToSlot[hash];
                    if (mapped >= 0)
                    {
                        return mapped;
                    }
                }
                // lb_htpm_select_tx_port falls back to lb_hash_select_tx_port: en_port[hash % en_port_count].
                int count = snapshot.EnabledSlots.Length;
                return count == 0 ? Drop : snapshot.EnabledSlots[hash % count];
            }

            default:
                return Drop;
        }
    }

    /// <summary>
    /// Whether a frame received on <paramref name="slot"/> is delivered to the team interface
    /// (RX_HANDLER_ANOTHER) or not (RX_HANDLER_EXACT / PASS: it stays with the port).
    /// </summary>
    public static bool AcceptRx(TeamSnapshot snapshot, int slot, ReadOnlySpan<byte> frame)
    {
        if ((snapshot.EnabledMask & (1UL << slot)) == 0)
        {
            // team_handle_frame: a disabled port keeps its frames.
            return false;
        }
        switch (snapshot.Mode)
        {
            case ModeKind.ActiveBackup:
                // ab_receive: frames on a non-active port are not the team's.
                return slot == snapshot.ActiveSlot;
            case ModeKind.LoadBalance:
                // lb_receive: LACPDUs (ETH_P_SLOW to 01:80:c2:00:00:02) stay on the port for teamd's socket.
                return !IsSlowProtocolsFrame(frame);
            case ModeKind.None:
                return false;
            default:
                return true;
        }
    }

    public static bool IsSlowProtocolsFrame(ReadOnlySpan<byte> frame) =>
        frame.Length >= 14 &&
        frame[0] == 0x01 && frame[1] == 0x80 && frame[2] == 0xC2 && frame[3] == 0x00 && frame[4] == 0x00 && frame[5] == 0x02 &&
        BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == Frames.EthernetHeader.SlowProtocols;

    public static bool IsMulticast(ReadOnlySpan<byte> frame) => frame.Length > 0 && (frame[0] & 1) != 0;

    private static int FirstTxableFrom(TeamSnapshot snapshot, int start)
    {
        int[] slots = snapshot.EnabledSlots;
        ulong txable = snapshot.TxableMask;
        for (int i = 0; i < slots.Length; i++)
        {
            int slot = slots[(start + i) % slots.Length];
            if ((txable & (1UL << slot)) != 0)
            {
                return slot;
            }
        }
        return Drop;
    }
}
