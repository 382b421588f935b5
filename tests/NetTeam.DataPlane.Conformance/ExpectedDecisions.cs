using System.Buffers.Binary;
using NetTeam.Device.DataPlane;

namespace NetTeam.DataPlane.Conformance;

/// <summary>
/// The decisions the table expects, worked out from the kernel team's mode ops (drivers/net/team/
/// team_mode_*.c) over a <see cref="TeamSnapshotData"/> and from <see cref="TxHash.Bucket"/>, written
/// apart from any data plane so that every plane is checked against the same rules.
/// </summary>
public static class ExpectedDecisions
{
    public static TxExpectation Tx(in TeamSnapshotData s, ReadOnlySpan<byte> frame, ulong roundRobinSent)
    {
        int count = (int)s.EnabledCount;
        switch (s.ModeKind)
        {
            case ModeKind.Broadcast:
            {
                // bc_transmit: every txable port.
                TeamSnapshotData snapshot = s;
                int[] slots = [.. Enumerable.Range(0, TeamSnapshot.MaxPorts).Where(slot => ((snapshot.TxableMask >> slot) & 1) != 0 && snapshot.SlotIfIndex[slot] != 0)];
                return slots.Length == 0 ? TxExpectation.Drop : new TxExpectation(TxDecisionKind.AllOf, slots);
            }
            case ModeKind.RoundRobin:
            {
                // rr_transmit: sent_packets++ % en_port_count, then the first txable port from there on.
                if (count == 0)
                {
                    return TxExpectation.Drop with { RoundRobinSentAfter = roundRobinSent };
                }
                TxExpectation e = Send(s, s.FirstTxable[(int)(roundRobinSent % (ulong)count)]);
                return e with { RoundRobinSentAfter = roundRobinSent + 1 };
            }
            case ModeKind.Random:
            {
                // rnd_transmit: a random enabled index, then the first txable port from there on.
                TeamSnapshotData snapshot = s;
                int[] slots = [.. Enumerable.Range(0, count).Select(i => (int)snapshot.FirstTxable[i]).Where(slot => slot >= 0 && snapshot.SlotIfIndex[slot] != 0).Distinct().Order()];
                return slots.Length == 0 ? TxExpectation.Drop : new TxExpectation(TxDecisionKind.OneOf, slots);
            }
            case ModeKind.ActiveBackup:
                // ab_transmit: the active port, with no txable check.
                return Send(s, s.ActiveSlot);
            case ModeKind.LoadBalance:
            {
                byte bucket = TxHash.Bucket(frame, s.HashFragments);
                int slot = -1;
                if (s.LbTxMethod == LbTxMethod.HashToPortMapping)
                {
                    slot = s.HashToSlot[bucket];
                }
                if (slot < 0 && count > 0)
                {
                    // lb_hash_select_tx_port: en_port[hash % en_port_count].
                    slot = s.EnabledSlots[bucket % count];
                }
                return Send(s, slot) with { Bucket = bucket };
            }
            default:
                return TxExpectation.Drop;
        }
    }

    public static RxExpectation Rx(in TeamSnapshotData s, int slot, ReadOnlySpan<byte> frame)
    {
        bool accept = ((s.EnabledMask >> slot) & 1) != 0 && s.ModeKind switch
        {
            ModeKind.None => false,
            ModeKind.ActiveBackup => slot == s.ActiveSlot,
            ModeKind.LoadBalance => !IsLacpdu(frame),
            _ => true,
        };
        return new RxExpectation(accept, accept && frame.Length > 0 && (frame[0] & 1) != 0);
    }

    /// <summary>lb_receive keeps slow-protocols frames to 01:80:c2:00:00:02 on the port.</summary>
    public static bool IsLacpdu(ReadOnlySpan<byte> frame) =>
        frame.Length >= 14 && frame[..6].SequenceEqual((ReadOnlySpan<byte>)[0x01, 0x80, 0xc2, 0x00, 0x00, 0x02])
        && BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == 0x8809;

    private static TxExpectation Send(in TeamSnapshotData s, int slot) =>
        slot is >= 0 and < TeamSnapshot.MaxPorts && s.SlotIfIndex[slot] != 0 ? TxExpectation.ToSlot(slot) : TxExpectation.Drop;
}
