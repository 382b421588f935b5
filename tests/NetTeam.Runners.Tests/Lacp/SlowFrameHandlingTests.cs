using System.Text.Json.Nodes;
using NetTeam.Interop;
using NetTeam.Runners.Lacp;

namespace NetTeam.Runners.Tests.Lacp;

/// <summary>Untrusted frames from the wire, the Marker responder, and the state dump's shape.</summary>
public class SlowFrameHandlingTests
{
    private static readonly MacAddress s_requester = MacAddress.Parse("0a:1a:c0:00:00:01");

    private static byte[] Marker(bool response, uint transaction)
    {
        byte[] frame = new byte[SlowProtocols.FrameLength];
        MarkerPdu.Write(frame, MacAddress.Parse("0a:1a:c0:00:01:02"), response, 2, s_requester, transaction);
        return frame;
    }

    [Fact]
    public void MalformedTruncatedOversizedAndUnknownFramesAreCountedAndChangeNothing()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        l.Converge(eth0, 1);
        LacpPort p = l.Port(eth0);
        byte[] good = new byte[SlowProtocols.FrameLength];
        Lacpdu.Write(good, s_requester, LacpHarness.PartnerInfo(1, LacpState.None), default);
        FakeFrameChannel c = l.Channel(eth0);
        Assert.True(c.Deliver(good.AsSpan(0, 60)));
        Assert.True(c.Deliver([.. good, 1, 2, 3]));
        Assert.True(c.Deliver(LacpduCodecTests.With(good, 37, 0)));
        Assert.True(c.Deliver(good.AsSpan(0, 15)));
        Assert.True(c.Deliver(Marker(false, 1).AsSpan(0, 50)));
        Assert.True(c.Deliver(LacpduCodecTests.With(good, 14, 0x03)));
        Assert.True(c.Deliver(LacpduCodecTests.With(good, 14, 0x0a)));
        Assert.Equal(5, p.Counters.IllegalRx);
        Assert.Equal(2, p.Counters.UnknownRx);
        Assert.Equal(LacpPortState.Current, p.State);
        Assert.Equal(LacpHarness.Converged, p.Partner.State);
        Assert.True(l.Enabled(eth0));
        // Logged, but not once per frame: the 1st, 2nd and 4th.
        Assert.Equal(3, l.H.Messages.Count(m => m.Contains("Slow Protocols frame", StringComparison.Ordinal)));
    }

    [Fact]
    public void MarkerInformationIsAnsweredWithAnEchoAtMostOnceEveryTwoSeconds()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        FakeFrameChannel c = l.Channel(eth0);
        c.Deliver(Marker(false, 0x01020304));
        byte[] response = c.Sent.Last(f => f[14] == SlowProtocols.MarkerSubtype);
        Assert.Equal(SlowFrameError.None, MarkerPdu.TryRead(response, out MarkerPdu pdu));
        Assert.Equal(new MarkerPdu(1, true, 2, s_requester, 0x01020304), pdu);
        Assert.Equal(eth0.PermanentAddress, new MacAddress(response.AsSpan(6, 6)));
        Assert.Equal(SlowProtocols.Address, new MacAddress(response));
        // Everything but the TLV type echoes the request (802.1AX-2014 6.5.4.2.2).
        byte[] expected = Marker(true, 0x01020304);
        Assert.Equal(expected[14..], response[14..]);

        LacpPort p = l.Port(eth0);
        l.Advance(1.5);
        c.Deliver(Marker(false, 2));
        Assert.Equal(1, p.Counters.MarkerResponseTx);
        Assert.Equal(1, p.Counters.MarkerRateLimited);
        l.Advance(0.6);
        c.Deliver(Marker(false, 3));
        Assert.Equal(2, p.Counters.MarkerResponseTx);
        Assert.Equal(3, p.Counters.MarkerRx);

        // A Marker Response is only counted: we never ask.
        c.Deliver(Marker(true, 9));
        Assert.Equal(1, p.Counters.MarkerResponseRx);
        Assert.Equal(2, c.Sent.Count(f => f[14] == SlowProtocols.MarkerSubtype));
    }

    [Fact]
    public void ADisabledPortAnswersNoMarker()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        l.H.SetLink(eth0, false);
        l.Channel(eth0).Deliver(Marker(false, 1));
        Assert.Equal(0, l.Port(eth0).Counters.MarkerResponseTx);
    }

    /// <summary>Key sets, recursively.</summary>
    private static string Shape(JsonNode? node) => node is JsonObject o
        ? "{" + string.Join(",", o.Select(kv => kv.Key + ":" + Shape(kv.Value)).Order(StringComparer.Ordinal)) + "}"
        : node?.GetValueKind().ToString() ?? "null";

    [Fact]
    public void TheStateDumpHasTeamdsShapeAndValues()
    {
        using LacpHarness l = new();
        RunnerPort eth0 = l.Add("eth0");
        RunnerPort eth1 = l.Add("eth1");
        l.Converge(eth0, 1);
        l.Converge(eth1, 2);
        JsonNode golden = JsonNode.Parse(TeamdFixtures.Read("lacp_partner", "1_converged", "state_dump.json"))!;
        JsonObject port = l.H.PortRunnerState(eth1)!;
        Assert.Equal(Shape(golden["ports"]!["eth1"]!["runner"]), Shape(port));
        Assert.Equal(Shape(golden["runner"]), Shape(l.H.RunnerState()));
        // Converged as in the golden dump, with our own ifindexes and MACs.
        JsonNode g = golden["ports"]!["eth1"]!["runner"]!.DeepClone();
        g["aggregator"]!["id"] = eth0.IfIndex;
        g["actor_lacpdu_info"]!["port"] = eth1.IfIndex;
        g["actor_lacpdu_info"]!["system"] = l.H.Team.Address.ToString();
        Assert.True(JsonNode.DeepEquals(g, port), port.ToJsonString());
        Assert.Equal("""{"active":true,"fast_rate":true,"select_policy":"lacp_prio","sys_prio":65535}""", l.H.RunnerState()!.ToJsonString());

        // Defaulted and disabled ports as teamd shows them (golden 2_silenced, 4_eth1_carrier_off).
        l.H.SetLink(eth1, false);
        JsonObject disabled = l.H.PortRunnerState(eth1)!;
        JsonNode off = JsonNode.Parse(TeamdFixtures.Read("lacp_partner", "4_eth1_carrier_off", "state_dump.json"))!["ports"]!["eth1"]!["runner"]!.DeepClone();
        off["actor_lacpdu_info"]!["port"] = eth1.IfIndex;
        off["actor_lacpdu_info"]!["system"] = l.H.Team.Address.ToString();
        Assert.True(JsonNode.DeepEquals(off, disabled), disabled.ToJsonString());
    }

    [Fact]
    public void WithABalancerTheRunnerDumpsItAndWritesTheMappingMethod()
    {
        using LacpHarness l = new("\"fast_rate\": true, \"tx_hash\": [\"l4\"], \"tx_balancer\": {\"name\": \"basic\", \"balancing_interval\": 20}");
        Assert.Equal("tcp,udp,sctp", l.H.Team.GetOption("lb_tx_hash").AsString);
        Assert.Equal("hash_to_port_mapping", l.H.Team.GetOption("lb_tx_method").AsString);
        Assert.Equal(20u, l.H.Team.GetOption("lb_stats_refresh_interval").AsU32);
        Assert.Equal(20u, l.H.RunnerState()!["tx_balancer"]!["balancing_interval"]!.GetValue<uint>());
    }
}
