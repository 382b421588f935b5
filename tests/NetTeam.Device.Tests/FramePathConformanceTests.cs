using NetTeam.DataPlane.Conformance;
using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Tests;

/// <summary>
/// The shared conformance table (tests/NetTeam.DataPlane.Conformance), row by row, against the C# rules the
/// userspace plane runs (FramePath, TxHash); NetTeam.Device.Ebpf.Tests runs the same rows through the
/// generated programs, so both planes decide every frame alike.
/// </summary>
public class FramePathConformanceTests
{
    public static TheoryData<ModeKind> Modes() => [.. Enum.GetValues<ModeKind>()];

    [Theory]
    [MemberData(nameof(Modes))]
    public void EveryTransmitRowGetsItsDecision(ModeKind mode)
    {
        List<string> wrong = [];
        int rows = 0;
        foreach (TxCase c in ConformanceTable.Tx(mode))
        {
            rows++;
            TxState state = new(1) { SentPackets = c.RoundRobinSent };
            TxDecision d = FramePath.SelectTx(c.Snapshot, c.Frame, ref state);
            if (!Matches(c, d, state))
            {
                wrong.Add($"{c.Name}: expected {c.Expected}, got {d} (sent {state.SentPackets})");
            }
        }
        Assert.True(rows > 0);
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {rows} rows: {string.Join("; ", wrong.Take(10))}");
    }

    [Fact]
    public void EveryReceiveRowGetsItsDecision()
    {
        List<string> wrong = [];
        foreach (RxCase c in ConformanceTable.Rx())
        {
            bool accept = FramePath.AcceptRx(c.Snapshot, c.Slot, c.Frame);
            bool multicast = FramePath.IsMulticast(c.Frame);
            if (accept != c.Expected.Accept || (accept && multicast != c.Expected.Multicast))
            {
                wrong.Add($"{c.Name}: expected {c.Expected}, got accept {accept}, multicast {multicast}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("; ", wrong.Take(10)));
    }

    private static bool Matches(TxCase c, TxDecision d, TxState state)
    {
        TxExpectation e = c.Expected;
        bool decision = e.Kind switch
        {
            TxDecisionKind.Drop => d.Action == TxAction.Drop,
            TxDecisionKind.Slot => d.Action == TxAction.Port && d.Slot == e.Slots[0],
            TxDecisionKind.OneOf => d.Action == TxAction.Port && e.Slots.Contains(d.Slot),
            // broadcast: every txable slot of the snapshot, which must be the expected set.
            _ => d.Action == TxAction.AllTxable && TxableSlots(c.Snapshot).SequenceEqual(e.Slots.Order()),
        };
        bool bucket = e.Bucket is not byte b || d.Bucket == b;
        bool sent = e.RoundRobinSentAfter is not ulong r || state.SentPackets == r;
        return decision && bucket && sent;
    }

    private static IEnumerable<int> TxableSlots(TeamSnapshotData s) => Enumerable.Range(0, TeamSnapshot.MaxPorts).Where(i => (s.TxableMask & (1UL << i)) != 0);
}
