using NetTeam.Runners.Lacp;

namespace NetTeam.Runners.Tests.Lacp;

/// <summary>Every port state transition of teamd-spec §4.5, with the PDUs teamd 1.31 was seen to send (§4.3), on the fake clock.</summary>
public class LacpPortStateTests
{
    [Fact]
    public void ANewPortIsDisabledInTheTeamCarriesTheTeamMacAndStartsExpired()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        Assert.False(l.Enabled(eth0));
        Assert.Equal(l.H.Team.Address, l.H.Team.GetPort("eth0")!.Address);
        Assert.Equal(LacpPortState.Expired, l.Port(eth0).State);
        Assert.False(l.H.Team.Carrier);
        // It speaks at once: E****GSA with a partner all zero but the short timeout (golden no_partner frame, 0x87/0x02).
        byte[] frame = l.Channel(eth0).Sent.Single();
        Assert.Equal(eth0.PermanentAddress, new Interop.MacAddress(frame.AsSpan(6, 6)));
        Lacpdu pdu = LacpHarness.Decode(frame);
        Assert.Equal((LacpState)0x87, pdu.Actor.State);
        Assert.Equal(new LacpduInfo(0, default, 0, 0, 0, LacpState.Timeout), pdu.Partner);
        Assert.Equal(new LacpduInfo(65535, l.H.Team.Address, 0, 255, (ushort)eth0.IfIndex, (LacpState)0x87), pdu.Actor);
    }

    [Fact]
    public void WithoutAPartnerTheExpiredPortIsDefaultedAfterThreeSecondsAndKeepsSendingFast()
    {
        using LacpHarness l = new("\"fast_rate\": false");
        RunnerPort eth0 = l.Add("eth0");
        // The forced short timeout of EXPIRED holds even without fast_rate.
        l.Advance(2.99);
        Assert.Equal(LacpPortState.Expired, l.Port(eth0).State);
        l.Advance(0.02);
        Assert.Equal(LacpPortState.Defaulted, l.Port(eth0).State);
        Assert.Equal((LacpState)0x45, l.LastSent(eth0).Actor.State);
        int before = l.SentPdus(eth0).Count;
        l.Advance(9);
        // The zeroed partner keeps the Timeout bit, so a defaulted port transmits every 0.9 s (teamd-spec §4.4).
        Assert.Equal(10, l.SentPdus(eth0).Count - before);
        Assert.Equal(LacpduInfo.DefaultedPartner, l.LastSent(eth0).Partner);
        Assert.False(l.H.Team.Carrier);
    }

    [Fact]
    public void APartnersFirstPduMakesThePortCurrentAndSelectedAndItsSyncEnablesIt()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        l.Speak(eth0, LacpHarness.PartnerInfo(1, (LacpState)0x07));
        LacpPort p = l.Port(eth0);
        Assert.Equal(LacpPortState.Current, p.State);
        Assert.NotNull(p.Aggregator);
        // Answered at once with ****SGSA: selected, but the partner is not in sync yet (golden frame 10).
        Assert.Equal((LacpState)0x0f, l.LastSent(eth0).Actor.State);
        Assert.Equal(LacpHarness.PartnerInfo(1, (LacpState)0x07), l.LastSent(eth0).Partner);
        Assert.False(l.Enabled(eth0));
        Assert.False(l.H.Team.Carrier);

        l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged));
        Assert.Equal(LacpHarness.Converged, l.LastSent(eth0).Actor.State);
        Assert.True(l.Enabled(eth0));
        Assert.True(l.H.Team.Carrier);
        Assert.Equal(eth0.IfIndex, p.Aggregator!.Id);
    }

    [Fact]
    public void APartnerWithAnUpToDateViewOfUsGetsNoExtraPdu()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        l.Converge(eth0, 1);
        int sent = l.SentPdus(eth0).Count;
        l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged));
        Assert.Equal(sent, l.SentPdus(eth0).Count);
        // A stale view (say, our old state) is corrected: at once, or here, where three PDUs went out at t=0,
        // as soon as the limit of three per second allows.
        l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged), view: l.SentPdus(eth0)[0].Actor);
        Assert.Equal(sent, l.SentPdus(eth0).Count);
        Assert.Equal(1, l.Port(eth0).Counters.TxDeferred);
        l.Advance(1.0);
        Assert.Equal(sent + 1, l.SentPdus(eth0).Count);
        Assert.Equal(LacpHarness.Converged, l.LastSent(eth0).Actor.State);
    }

    [Fact]
    public void ASilentPartnerExpiresThePortAfterThreeSecondsThenDefaultsItThreeSecondsLater()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        RunnerPort eth1 = l.Add("eth1");
        l.Converge(eth0, 1);
        l.Converge(eth1, 2);
        Assert.True(l.Enabled(eth1));
        for (int i = 0; i < 5; i++)
        {
            // eth0's partner keeps talking; eth1's has gone silent.
            l.Advance(0.6);
            l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged));
        }
        Assert.Equal(LacpPortState.Expired, l.Port(eth1).State);
        // EXPIRED: E***SGSA, still selected, the partner out of sync with a short timeout (golden partner_expired frame).
        Lacpdu expired = l.LastSent(eth1);
        Assert.Equal((LacpState)0x8f, expired.Actor.State);
        Assert.Equal((LacpState)0x37, expired.Partner.State);
        Assert.Equal(LacpHarness.PartnerSystem, expired.Partner.System);
        Assert.NotNull(l.Port(eth1).Aggregator);
        Assert.False(l.Enabled(eth1));
        Assert.True(l.Enabled(eth0));

        for (int i = 0; i < 5; i++)
        {
            l.Advance(0.6);
            l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged));
        }
        Assert.Equal(LacpPortState.Defaulted, l.Port(eth1).State);
        Assert.Null(l.Port(eth1).Aggregator);
        Assert.Equal((LacpState)0x47, l.LastSent(eth1).Actor.State);
        Assert.Equal(LacpduInfo.DefaultedPartner, l.LastSent(eth1).Partner);
        Assert.True(l.Enabled(eth0));
        Assert.True(l.H.Team.Carrier);

        // The partner comes back: current and selected again at once.
        l.Converge(eth1, 2);
        Assert.True(l.Enabled(eth1));
        Assert.Equal(l.Port(eth0).Aggregator, l.Port(eth1).Aggregator);
    }

    [Fact]
    public void CurrentWhileIsThreeSecondsWithFastRateAndNinetyWithout()
    {
        using LacpHarness slow = new("\"fast_rate\": false");
        RunnerPort s0 = slow.Add("eth0");
        slow.Converge(s0, 1);
        slow.Advance(89);
        Assert.Equal(LacpPortState.Current, slow.Port(s0).State);
        slow.Advance(1.01);
        Assert.Equal(LacpPortState.Expired, slow.Port(s0).State);

        using LacpHarness fast = new();
        RunnerPort f0 = fast.Add("eth0");
        fast.Converge(f0, 1);
        fast.Advance(2.99);
        Assert.Equal(LacpPortState.Current, fast.Port(f0).State);
        fast.Advance(0.02);
        Assert.Equal(LacpPortState.Expired, fast.Port(f0).State);
    }

    [Fact]
    public void LinkDownDisablesThePortSilentlyAndLinkUpStartsOverExpired()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        l.Converge(eth0, 1);
        int sent = l.Channel(eth0).Sent.Count;
        l.H.SetLink(eth0, false);
        LacpPort p = l.Port(eth0);
        Assert.Equal(LacpPortState.Disabled, p.State);
        Assert.False(l.Enabled(eth0));
        Assert.False(l.H.Team.Carrier);
        // teamd's disabled port: actor 0x07, partner all zero (golden 4_eth1_carrier_off).
        Assert.Equal((LacpState)0x07, p.Actor.State);
        Assert.Equal(default, p.Partner);
        l.Advance(10);
        Assert.Equal(sent, l.Channel(eth0).Sent.Count);
        // A PDU that beats the link report is ignored.
        l.Speak(eth0, LacpHarness.PartnerInfo(1, LacpHarness.Converged));
        Assert.Equal(LacpPortState.Disabled, p.State);
        Assert.Equal(1, p.Counters.IgnoredRx);

        l.LinkUp(eth0);
        Assert.Equal(LacpPortState.Expired, p.State);
        Assert.Equal((LacpState)0x87, l.LastSent(eth0).Actor.State);
        l.Converge(eth0, 1);
        Assert.True(l.Enabled(eth0));
    }

    [Fact]
    public void ATeamBroughtDownDisablesEveryPortSilentlyAndUpStartsThemOver()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        RunnerPort eth1 = l.Add("eth1");
        l.Converge(eth0, 1);
        l.Converge(eth1, 2);
        Assert.True(l.H.Team.Carrier);
        int sent = l.Channel(eth0).Sent.Count;

        // `ip link set team0 down`, as the daemon hears it: a link event of the team, then the runner's hook.
        SetTeamUp(l, false);
        Assert.False(l.H.Team.IsUp);
        Assert.All(new[] { eth0, eth1 }, p => Assert.Equal(LacpPortState.Disabled, l.Port(p).State));
        Assert.False(l.Enabled(eth0));
        Assert.False(l.H.Team.Carrier);
        l.Advance(10);
        Assert.Equal(sent, l.Channel(eth0).Sent.Count);

        SetTeamUp(l, true);
        Assert.Equal(LacpPortState.Expired, l.Port(eth0).State);
        Assert.Equal((LacpState)0x87, l.LastSent(eth0).Actor.State);
        l.Converge(eth0, 1);
        Assert.True(l.Enabled(eth0));
        Assert.True(l.H.Team.Carrier);
    }

    private static void SetTeamUp(LacpHarness l, bool up)
    {
        Device.Tests.Fakes.FakeLink team = l.H.Links["team0"];
        team.Flags = up ? team.Flags | Interop.LinkFlags.Up : team.Flags & ~Interop.LinkFlags.Up;
        bool seen = false;
        void Handler(object? sender, Device.Events.TeamChangeEventArgs e) => seen |= e.TeamStateChanged;
        l.H.Team.Changed += Handler;
        l.H.Team.OnLinkEvent(new Interop.LinkEvent(Interop.LinkEventKind.NewLink, team.ToInfo()));
        l.H.Team.Changed -= Handler;
        Assert.True(seen, "the device did not report the team's state change");
        l.H.Runner.TeamStateChanged(l.H);
    }

    [Fact]
    public void AHalfDuplexLinkIsDisabled()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        eth0.Link = eth0.Link with { Duplex = Interop.Duplex.Half };
        l.H.Runner.PortChanged(l.H, eth0);
        Assert.Equal(LacpPortState.Disabled, l.Port(eth0).State);
    }

    [Fact]
    public void RemovingAPortClosesItsChannelAndTheOthersCarryOn()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        RunnerPort eth1 = l.Add("eth1");
        l.Converge(eth0, 1);
        l.Converge(eth1, 2);
        FakeFrameChannel channel = l.Channel(eth0);
        l.H.Remove(eth0);
        Assert.True(channel.Disposed);
        Assert.True(l.Enabled(eth1));
        Assert.Equal(eth1.IfIndex, l.Port(eth1).Aggregator!.Id);
        Assert.True(l.H.Team.Carrier);
        // No timer of the removed port fires any more: its channel stays silent.
        int sent = channel.Sent.Count;
        l.Advance(10);
        Assert.Equal(sent, channel.Sent.Count);
    }

    [Fact]
    public void StopClosesEveryChannelAndDropsTheCarrier()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        l.Converge(eth0, 1);
        Assert.True(l.H.Team.Carrier);
        l.H.Runner.Stop(l.H);
        Assert.True(l.Channel(eth0).Disposed);
        Assert.False(l.H.Team.Carrier);
        int sent = l.Channel(eth0).Sent.Count;
        l.Advance(10);
        Assert.Equal(sent, l.Channel(eth0).Sent.Count);
    }
}
