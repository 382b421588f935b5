using NetTeam.Runners.Lacp;

namespace NetTeam.Runners.Tests.Lacp;

/// <summary>The periodic and transmit machines: rate by the partner's Timeout bit, a drift-free schedule, three PDUs per second at most, passive mode.</summary>
public class LacpTransmitTests
{
    private static double[] Gaps(LacpHarness l, RunnerPort port, int from)
    {
        List<long> at = l.Channel(port).SentAt;
        return [.. Enumerable.Range(from + 1, at.Count - from - 1).Select(i => TimeSpan.FromTicks(at[i] - at[i - 1]).TotalSeconds)];
    }

    [Fact]
    public void ThePartnersTimeoutBitSetsOurRate()
    {
        using LacpHarness l = new("\"fast_rate\": false");
        RunnerPort eth0 = l.Add("eth0");
        // A partner with a long timeout: we send every 29 s (Slow_Periodic_Time, 10% early).
        LacpState slow = LacpHarness.Converged & ~LacpState.Timeout;
        l.Speak(eth0, LacpHarness.PartnerInfo(1, slow & ~LacpState.Synchronization));
        l.Speak(eth0, LacpHarness.PartnerInfo(1, slow));
        int from = l.Channel(eth0).Sent.Count - 1;
        for (int i = 0; i < 6; i++)
        {
            l.Advance(15);
            l.Speak(eth0, LacpHarness.PartnerInfo(1, slow));
        }
        Assert.Equal([29.0, 29.0, 29.0], Gaps(l, eth0, from).TakeLast(3));

        // The partner asks for a short timeout: one PDU at once, then every 0.9 s.
        l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged));
        int fastFrom = l.Channel(eth0).Sent.Count - 1;
        l.Advance(5);
        Assert.All(Gaps(l, eth0, fastFrom), g => Assert.Equal(0.9, g, 6));
        Assert.Equal(5, l.Channel(eth0).Sent.Count - 1 - fastFrom);
    }

    [Fact]
    public void ThePeriodicScheduleDoesNotDriftWithImmediateSendsInBetween()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        l.Converge(eth0, 1);
        long start = l.Channel(eth0).SentAt[0];
        // Immediate PDUs at odd moments (answers to stale partner views) must not move the periodic deadlines.
        for (int i = 1; i <= 8; i++)
        {
            l.Advance(1.3);
            l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged), view: default(LacpduInfo) with { Port = (ushort)i });
        }
        List<long> at = l.Channel(eth0).SentAt;
        Assert.Contains(at, x => x == start + TimeSpan.FromSeconds(1.3).Ticks);
        // From 1.8 s on (before, the three PDUs of t=0 held the 0.9 s one back to 1.0 s) every 0.9 s mark has its PDU exactly.
        for (int k = 2; k <= 11; k++)
        {
            Assert.Contains(at, x => x == start + (k * 9_000_000L));
        }
    }

    [Fact]
    public void PortsStartedApartSendTheirPeriodicPdusTogetherOnThePeriodsGrid()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        l.Converge(eth0, 1);
        l.Advance(0.37);
        RunnerPort eth1 = l.Add("eth1");
        l.Converge(eth1, 1);
        l.Advance(6);
        long step = TimeSpan.FromSeconds(0.9).Ticks;
        // From 2.7 s on (the three-per-second limit and the first PDUs are behind) both ports' periodic PDUs
        // go at the multiples of 0.9 s, in the same instant: one wake-up of the loop for the two (TimerGrid).
        // Started 0.37 s apart on schedules of their own they would never coincide.
        for (long k = 3; k <= 7; k++)
        {
            Assert.Contains(k * step, l.Channel(eth0).SentAt);
            Assert.Contains(k * step, l.Channel(eth1).SentAt);
        }
    }

    [Fact]
    public void NoMoreThanThreePdusLeaveInAnyOneSecond()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        l.Converge(eth0, 1);
        // A partner that keeps changing its mind: every PDU from it asks for an answer.
        for (int i = 0; i < 100; i++)
        {
            l.Advance(0.05);
            l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged), view: default(LacpduInfo) with { Port = (ushort)i });
        }
        List<long> at = l.Channel(eth0).SentAt;
        for (int i = 3; i < at.Count; i++)
        {
            Assert.True(at[i] - at[i - 3] >= TimeSpan.FromSeconds(1).Ticks, $"4 PDUs within a second at #{i}");
        }
        Assert.True(l.Port(eth0).Counters.TxDeferred > 0);
        // What finally goes out is the current state.
        l.Advance(1);
        Assert.Equal(LacpHarness.Converged, l.LastSent(eth0).Actor.State);
    }

    [Fact]
    public void APassivePortSpeaksOnlyWhenSpokenTo()
    {
        using LacpHarness l = new("\"active\": false, \"fast_rate\": true");
        RunnerPort eth0 = l.Add("eth0");
        l.Advance(10);
        Assert.Empty(l.Channel(eth0).Sent);
        Assert.Equal(LacpPortState.Defaulted, l.Port(eth0).State);

        // A passive partner gets no answer either: nobody speaks.
        l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpState.Timeout | LacpState.Aggregation));
        l.Advance(2);
        Assert.Empty(l.Channel(eth0).Sent);

        // An active partner does: we answer, then keep the periodic going while it stays active.
        l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpState.Activity | LacpState.Timeout | LacpState.Aggregation));
        Lacpdu answer = l.LastSent(eth0);
        Assert.Equal(LacpState.None, answer.Actor.State & LacpState.Activity);
        l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged));
        Assert.True(l.Enabled(eth0));
        int sent = l.Channel(eth0).Sent.Count;
        l.Advance(1.9);
        l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged));
        Assert.Equal(sent + 2, l.Channel(eth0).Sent.Count);
    }

    [Fact]
    public void AnActivePortHasActivityAndFastRateSetsTimeout()
    {
        using LacpHarness l = new("\"fast_rate\": false, \"sys_prio\": 100");
        RunnerPort eth0 = l.Add("eth0", "{\"lacp_prio\": 10, \"lacp_key\": 42}");
        Lacpdu pdu = l.LastSent(eth0);
        Assert.Equal((LacpState)0x85, pdu.Actor.State);
        Assert.Equal(100, pdu.Actor.SystemPriority);
        Assert.Equal(10, pdu.Actor.PortPriority);
        Assert.Equal(42, pdu.Actor.Key);
    }

    [Fact]
    public void ASendErrorIsCountedAndNothingBreaks()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        l.Channel(eth0).SendError = Interop.Errno.ENODEV;
        l.Advance(3);
        Assert.True(l.Port(eth0).Counters.TxErrors >= 3);
        Assert.Equal(LacpPortState.Defaulted, l.Port(eth0).State);
    }
}
