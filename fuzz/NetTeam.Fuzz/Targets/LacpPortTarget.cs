using NetTeam.Interop;
using NetTeam.Runners;
using NetTeam.Runners.Lacp;
using NetTeam.Runners.Tests;

namespace NetTeam.Fuzz.Targets;

/// <summary>
/// What the LACP port does with a received frame (LacpPort.Receive): a converged port of the lacp runner on
/// the in-memory team gets the frame; exactly one receive counter moves, a dropped frame changes neither the
/// port's state nor its partner, a valid LACPDU makes its actor the partner, and the port's state dump and
/// its next second of timers still work.
/// </summary>
public sealed class LacpPortTarget : FuzzTarget
{
    private static readonly MacAddress s_partner = MacAddress.Parse("0a:1a:c0:00:00:01");

    public override string Name => "lacp-port";

    public override string Description => "a frame into a converged LACP port: one counter moves, drops change nothing, state dump and timers survive";

    public override int MaxInput => 2048;

    public override IReadOnlyList<byte[]> Tokens { get; } = new SlowFrameTarget(false).Tokens;

    public override string Run(ReadOnlySpan<byte> input)
    {
        using RunnerHarness h = new("{\"name\": \"lacp\", \"fast_rate\": true}", "eth0");
        RunnerPort eth0 = h.Add("eth0");
        LacpPort port = ((LacpRunner)h.Runner)[eth0]!;
        FakeFrameChannel channel = h.Channel(eth0);
        Converge(channel, port);
        LacpCounters c = port.Counters;
        long[] before = [c.LacpduRx, c.IllegalRx, c.UnknownRx, c.MarkerRx, c.MarkerResponseRx];
        (LacpPortState state, LacpduInfo partner) = (port.State, port.Partner);
        bool delivered = channel.Deliver(input);
        long[] after = [c.LacpduRx, c.IllegalRx, c.UnknownRx, c.MarkerRx, c.MarkerResponseRx];
        int moved = before.Zip(after).Count(p => p.First != p.Second);
        ContractViolation.Equal(delivered ? 1 : 0, moved, "receive counters that moved");
        bool valid = Lacpdu.TryRead(input, out Lacpdu pdu) == SlowFrameError.None;
        if (valid)
        {
            ContractViolation.Equal(pdu.Actor, port.Partner, "the partner after a valid LACPDU");
            ContractViolation.Equal(LacpPortState.Current, port.State, "the state after a valid LACPDU");
        }
        else if (after[0] == before[0])
        {
            ContractViolation.Equal(state, port.State, "the state after a dropped frame");
            ContractViolation.Equal(partner, port.Partner, "the partner after a dropped frame");
        }
        _ = h.State.Dump([]);
        h.Advance(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100));
        _ = h.State.Dump([]);
        string[] names = ["lacpdu", "illegal", "unknown", "marker", "marker-response"];
        return delivered ? names[Enumerable.Range(0, after.Length).First(i => after[i] != before[i])] + (valid ? ":" + port.State : string.Empty) : "filtered";
    }

    /// <summary>The partner speaks twice, out of sync then in sync with what we last sent: the port is current and collecting.</summary>
    private static void Converge(FakeFrameChannel channel, LacpPort port)
    {
        foreach (LacpState state in (LacpState[])[LacpState.Activity | LacpState.Timeout | LacpState.Aggregation, (LacpState)0x3f])
        {
            LacpduInfo ours = channel.Sent.LastOrDefault(f => f[14] == SlowProtocols.LacpSubtype) is byte[] sent && Lacpdu.TryRead(sent, out Lacpdu last) == SlowFrameError.None
                ? last.Actor : default;
            byte[] frame = new byte[SlowProtocols.FrameLength];
            Lacpdu.Write(frame, MacAddress.Parse("0a:1a:c0:00:01:02"), new LacpduInfo(65535, s_partner, 7, 255, 1, state), ours);
            channel.Deliver(frame);
        }
        ContractViolation.Equal(LacpPortState.Current, port.State, "the harness's port before the frame");
    }
}
