using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NetTeam.Integration.Tests.Topology;
using NetTeam.Interop;

namespace NetTeam.Integration.Tests;

/// <summary>Two netteamd with the lacp runner back to back over two veth pairs, each in its own namespace.</summary>
public partial class LacpTests
{
    private static string Reference(params string[] parts) => TeamdFixtures.Read(parts);

    internal static string TeamName() => "nt" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();

    internal static string Config(string team, string[] ports) =>
        "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"lacp\", \"active\": true, \"fast_rate\": true, \"tx_hash\": [\"eth\", \"ipv4\", \"ipv6\", \"l4\"]}, " +
        "\"link_watch\": {\"name\": \"ethtool\"}, \"ports\": {" + string.Join(", ", ports.Select(p => "\"" + p + "\": {}")) + "}}";

    internal static JsonObject Dump(DaemonProcess d, TestNamespace ns)
    {
        var r = d.Teamdctl(ns, "state", "dump");
        Assert.True(r.Code == 0, r.Stderr);
        return JsonNode.Parse(r.Stdout)!.AsObject();
    }

    private static JsonNode PortRunner(JsonObject dump, string port) => dump["ports"]![port]!["runner"]!;

    internal static bool Converged(JsonObject dump, params string[] ports) => ports.All(p =>
        dump["ports"]?[p]?["runner"] is JsonNode r && r["state"]!.GetValue<string>() == "current" &&
        r["aggregator"]!["selected"]!.GetValue<bool>() && (r["actor_lacpdu_info"]!["state"]!.GetValue<int>() & 0x30) == 0x30);

    private static long RxPackets(TestNamespace ns, string dev) => long.Parse(ns.ReadSysctl($"/sys/class/net/{dev}/statistics/rx_packets"), CultureInfo.InvariantCulture);

    internal static long TxPackets(TestNamespace ns, string dev) => long.Parse(ns.ReadSysctl($"/sys/class/net/{dev}/statistics/tx_packets"), CultureInfo.InvariantCulture);

    /// <summary>
    /// A state view with the port names as eth0/eth1, aggregator ids and watcher down counts as N, to compare with
    /// teamd's golden text (removing the partner's port flaps our carrier, which the golden run's partner did not).
    /// </summary>
    private static string Normalize(string view, string[] ports) =>
        DownCount().Replace(AggregatorId().Replace(view.Replace(ports[0], "eth0", StringComparison.Ordinal).Replace(ports[1], "eth1", StringComparison.Ordinal), "aggregator ID: N"), "down count: N");

    /// <summary>A Marker Information PDU (802.1AX-2014 6.5.3.3) built by hand, independent of NetTeam's codec.</summary>
    private static byte[] MarkerInformation(MacAddress source, uint transaction)
    {
        byte[] f = new byte[124];
        new byte[] { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x02 }.CopyTo(f, 0);
        source.CopyTo(f.AsSpan(6));
        f[12] = 0x88;
        f[13] = 0x09;
        f[14] = 0x02;
        f[15] = 0x01;
        f[16] = 0x01;
        f[17] = 0x10;
        f[19] = 0x05;
        source.CopyTo(f.AsSpan(20));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(f.AsSpan(26), transaction);
        return f;
    }

    /// <summary>Sends a Marker Information PDU on <paramref name="dev"/> and waits for the Marker Response to it.</summary>
    private static byte[]? AskMarker(TestNamespace ns, string dev, byte[] request, TimeSpan timeout) => ns.Run(() =>
    {
        int index = Interfaces.NameToIndex(dev);
        Assert.True(PacketSocket.Open(index, 0x8809, true, out FileDescriptorHandle? socket).IsSuccess);
        using (socket!)
        {
            Assert.True(PacketSocket.SendTo(socket!, index, request).IsSuccess);
            byte[] buffer = new byte[2048];
            byte[]? answer = null;
            TeamTopology.WaitFor(() =>
            {
                int n;
                while ((n = PacketSocket.Receive(socket!, buffer, out _, out _, out _)) > 0)
                {
                    // Our own request comes by as an outgoing frame; the answer is a Response TLV (type 2).
                    if (n >= 34 && buffer[14] == 0x02 && buffer[16] == 0x02)
                    {
                        answer = buffer[..n];
                        return true;
                    }
                }
                return false;
            }, timeout);
            return answer;
        }
    });

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void BackToBackTheyConvergeWithinThreeSecondsCarryTrafficOnBothLinksAndLookAsTeamdDoes(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        string teamA = TeamName();
        string teamB = TeamName();
        string work = topo.LockDirectory;
        Directory.CreateDirectory(work);
        MacAddress pa0Mac = MacAddress.Parse(topo.A.Exec("cat", $"/sys/class/net/{topo.Ports[0]}/address").Trim());
        using PacketCapture capture = PacketCapture.Start(topo.B, topo.Peers[0], work);

        using DaemonProcess a = topo.StartDaemon(teamA, work, ["-c", Config(teamA, topo.Ports)]);
        Assert.True(a.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd A did not start: " + a.Log);
        // A port with no partner yet speaks EXPIRED; B starts once that LACPDU is on the wire, or B's first
        // LACPDU could reach A first and A's first word would already be in sync.
        Assert.True(capture.WaitFor($"lacp && eth.src == {pa0Mac} && lacp.actor.state.expired == 1", TimeSpan.FromSeconds(10)),
            "A sent no EXPIRED LACPDU on its own");
        using DaemonProcess b = topo.StartDaemon(teamB, work, ["-c", Config(teamB, topo.Peers)], topo.B);
        Assert.True(b.WaitReady(topo.B, TimeSpan.FromSeconds(30)), "netteamd B did not start: " + b.Log);
        Stopwatch converge = Stopwatch.StartNew();
        Assert.True(TeamTopology.WaitFor(() => Converged(Dump(a, topo.A), topo.Ports) && Converged(Dump(b, topo.B), topo.Peers), TimeSpan.FromSeconds(10)),
            "no convergence: " + Dump(a, topo.A).ToJsonString());
        converge.Stop();
        Assert.True(converge.Elapsed < TimeSpan.FromSeconds(3), $"converged in {converge.Elapsed.TotalMilliseconds} ms");
        Console.WriteLine($"LACP back to back: converged {converge.Elapsed.TotalMilliseconds:F0} ms after both daemons were ready");

        // Carrier and traffic: ping, a verified TCP transfer, and UDP flows that the l4 hash spreads over both links.
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", teamA);
        topo.B.Ip("addr", "add", TeamTopology.PeerIp + "/24", "dev", teamB);
        Assert.DoesNotContain("NO-CARRIER", topo.A.Ip("link", "show", teamA));
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 2 * 1024 * 1024);
        long[] before = [.. topo.Peers.Select(p => RxPackets(topo.B, p))];
        for (int port = 40000; port < 40032; port++)
        {
            TeamTopology.SendUdp(topo.A, TeamTopology.PeerIp, port, 9, 20);
        }
        long[] after = [.. topo.Peers.Select(p => RxPackets(topo.B, p))];
        Assert.True(after[0] - before[0] >= 100 && after[1] - before[1] >= 100, $"rx on the two links: {after[0] - before[0]}, {after[1] - before[1]}");

        // Both ports in one aggregator, led by the port with the better priority; teamd's keys and text.
        JsonObject dump = Dump(a, topo.A);
        Assert.Equal(PortRunner(dump, topo.Ports[0])["aggregator"]!["id"]!.GetValue<int>(), PortRunner(dump, topo.Ports[1])["aggregator"]!["id"]!.GetValue<int>());
        JsonNode golden = JsonNode.Parse(Reference("lacp_partner", "1_converged", "state_dump.json"))!;
        Assert.Equal(DumpShape.Of(golden, ["eth0", "eth1"]), DumpShape.Of(dump, topo.Ports));
        Assert.Equal(Normalize(Reference("lacp_partner", "1_converged", "state_view.txt"), ["eth0", "eth1"]), Normalize(a.Teamdctl(topo.A, "state").Stdout, topo.Ports));
        Assert.Equal(a.Teamdctl(topo.A, "state").Stdout, a.Netteamctl(topo.A, teamA, "state").Stdout);
        Assert.Equal(a.Teamdctl(topo.A, "-v", "state", "view").Stdout, a.Netteamctl(topo.A, "-v", teamA, "state", "view").Stdout);
        Assert.Equal("current\n", a.Teamdctl(topo.A, "state", "item", "get", $"ports.{topo.Ports[1]}.runner.state").Stdout);
        Assert.Equal("true\n", a.Teamdctl(topo.A, "state", "item", "get", $"ports.{topo.Ports[1]}.runner.selected").Stdout);
        Assert.Equal("lacp_prio\n", a.Teamdctl(topo.A, "state", "item", "get", "runner.select_policy").Stdout);
        Assert.Equal("true\n", a.Netteamctl(topo.A, "-p", topo.Ports[1], teamA, "getoption", "enabled").Stdout);
        Assert.Equal(0, a.Teamdctl(topo.A, "state", "item", "set", $"ports.{topo.Ports[1]}.runner.aggregator.selected", "true").Code);
        var refused = a.Teamdctl(topo.A, "state", "item", "set", $"ports.{topo.Ports[1]}.runner.aggregator.selected", "false");
        Assert.Equal(1, refused.Code);
        Assert.Contains("\"ItemValueSetFail\"", refused.Stderr);
        Assert.Equal(1, a.Teamdctl(topo.A, "state", "item", "set", $"ports.{topo.Ports[1]}.runner.state", "current").Code);

        // The Marker responder answers a Marker Information PDU sent to pa0.
        MacAddress pb0Mac = MacAddress.Parse(topo.B.Exec("cat", $"/sys/class/net/{topo.Peers[0]}/address").Trim());
        byte[]? markerResponse = AskMarker(topo.B, topo.Peers[0], MarkerInformation(pb0Mac, 0xcafe0001), TimeSpan.FromSeconds(3));
        Assert.NotNull(markerResponse);
        Assert.Equal(pa0Mac, new MacAddress(markerResponse.AsSpan(6, 6)));
        Assert.True(capture.WaitFor($"marker && eth.src == {pa0Mac}", TimeSpan.FromSeconds(5)), "the Marker Response never reached the capture");
        string file = capture.Stop();

        // Every frame dissects with no malformed field and no expert warning (teamd-spec §4.10).
        Assert.Empty(PacketCapture.Read(file, "lacp.wrong_tlv_type || lacp.wrong_tlv_length || marker.wrong_pad_value || _ws.malformed || _ws.expert"));
        string[] ours = PacketCapture.Read(file, $"lacp && eth.src == {pa0Mac}", "lacp.version", "lacp.actor.state_str", "lacp.actor.port");
        // Version 1 from the port's own MAC, with the port's ifindex as port number; from expired to converged.
        string port0 = topo.A.Exec("cat", $"/sys/class/net/{topo.Ports[0]}/ifindex").Trim();
        Assert.All(ours, l => Assert.Matches($@"^0x01\|[^|]+\|{port0}$", l));
        Assert.Equal($"0x01|E****GSA|{port0}", ours[0]);
        Assert.Contains($"0x01|**DCSGSA|{port0}", ours);
        string[] response = PacketCapture.Read(file, $"marker && eth.src == {pa0Mac}", "marker.tlvType", "marker.requesterSystem", "marker.requesterTransId", "marker.requesterPort");
        Assert.True(response.Length == 1, "marker frames: " + string.Join("; ", PacketCapture.Read(file, "slow", "frame.time_relative", "eth.src", "slow.subtype")));
        Assert.Equal($"0x02,0x00|{pb0Mac}|{0xcafe0001u}|5", response[0]);
        Console.WriteLine($"tshark: {PacketCapture.Read(file, "slow").Length} Slow Protocols frames on {topo.Peers[0]}, none malformed, no expert info");
    }

    [Fact]
    public void TheTsharkCheckDoesFlagABrokenLacpdu()
    {
        // The conformance filter above can fail: a LACPDU with a wrong Actor TLV length is flagged.
        string dir = Path.Combine(Path.GetTempPath(), "ntt-pcap-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            string pcap = Path.Combine(dir, "bad.pcap");
            byte[] frame = new byte[124];
            new byte[] { 0x01, 0x80, 0xc2, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x88, 0x09, 1, 1, 1, 0x13 }.CopyTo(frame, 0);
            using (FileStream f = File.Create(pcap))
            {
                byte[] header = [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0];
                byte[] record = [0, 0, 0, 0, 0, 0, 0, 0, 124, 0, 0, 0, 124, 0, 0, 0];
                f.Write(header);
                f.Write(record);
                f.Write(frame);
            }
            Assert.NotEmpty(PacketCapture.Read(pcap, "lacp.wrong_tlv_type || lacp.wrong_tlv_length || marker.wrong_pad_value || _ws.malformed || _ws.expert"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void APortWhosePartnerFallsSilentExpiresDefaultsAndLeavesWhileTheOtherCarriesOnAndADifferentKeyMakesItsOwnAggregator(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        string teamA = TeamName();
        string teamB = TeamName();
        string work = topo.LockDirectory;
        Directory.CreateDirectory(work);
        using DaemonProcess a = topo.StartDaemon(teamA, work, ["-c", Config(teamA, topo.Ports)]);
        using DaemonProcess b = topo.StartDaemon(teamB, work, ["-c", Config(teamB, topo.Peers)], topo.B);
        Assert.True(a.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd A did not start: " + a.Log);
        Assert.True(b.WaitReady(topo.B, TimeSpan.FromSeconds(30)), "netteamd B did not start: " + b.Log);
        if (!TeamTopology.WaitFor(() => Converged(Dump(a, topo.A), topo.Ports) && Converged(Dump(b, topo.B), topo.Peers), TimeSpan.FromSeconds(10)))
        {
            Assert.Fail($"no convergence:\n{Dump(a, topo.A).ToJsonString()}\n{Dump(b, topo.B).ToJsonString()}\n{a.Log}\n{b.Log}");
        }
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", teamA);
        topo.B.Ip("addr", "add", TeamTopology.PeerIp + "/24", "dev", teamB);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);

        // The partner's port leaves its team: the link keeps its carrier but no LACPDU comes any more.
        Assert.Equal(0, b.Teamdctl(topo.B, "port", "remove", topo.Peers[1]).Code);
        Stopwatch silent = Stopwatch.StartNew();
        string State() => PortRunner(Dump(a, topo.A), topo.Ports[1])["state"]!.GetValue<string>();
        Assert.True(TeamTopology.WaitFor(() => State() == "expired", TimeSpan.FromSeconds(6)), "not expired: " + State());
        TimeSpan expiredAfter = silent.Elapsed;
        JsonNode expired = PortRunner(Dump(a, topo.A), topo.Ports[1]);
        Assert.True(expired["selected"]!.GetValue<bool>(), "an expired port keeps its selection");
        Assert.Equal(0x8f, expired["actor_lacpdu_info"]!["state"]!.GetValue<int>());
        Assert.Equal("false\n", a.Netteamctl(topo.A, "-p", topo.Ports[1], teamA, "getoption", "enabled").Stdout);
        Assert.True(TeamTopology.WaitFor(() => State() == "defaulted", TimeSpan.FromSeconds(6)), "not defaulted: " + State());
        TimeSpan defaultedAfter = silent.Elapsed;
        Console.WriteLine($"LACP silent partner: expired after {expiredAfter.TotalMilliseconds:F0} ms, defaulted after {defaultedAfter.TotalMilliseconds:F0} ms");
        Assert.InRange(expiredAfter.TotalSeconds, 2.0, 4.5);
        Assert.InRange((defaultedAfter - expiredAfter).TotalSeconds, 2.0, 4.5);
        Assert.Equal(Normalize(Reference("lacp_partner", "2_silenced", "state_view.txt"), ["eth0", "eth1"]), Normalize(a.Teamdctl(topo.A, "state").Stdout, topo.Ports));
        Assert.Equal("false\n", a.Teamdctl(topo.A, "state", "item", "get", $"ports.{topo.Ports[1]}.runner.selected").Stdout);
        Assert.Equal("true\n", a.Netteamctl(topo.A, "-p", topo.Ports[0], teamA, "getoption", "enabled").Stdout);
        // Traffic goes on over the other link.
        Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);
        TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 1024 * 1024);

        // The partner's port is back: current and selected again at once.
        Assert.Equal(0, b.Teamdctl(topo.B, "port", "add", topo.Peers[1]).Code);
        Assert.True(TeamTopology.WaitFor(() => Converged(Dump(a, topo.A), topo.Ports), TimeSpan.FromSeconds(3)), "no resumption: " + State());
        Assert.Equal(Normalize(Reference("lacp_partner", "3_resumed", "state_view.txt"), ["eth0", "eth1"]), Normalize(a.Teamdctl(topo.A, "state").Stdout, topo.Ports));

        // A different lacp_key on one port: it forms an aggregator of its own, which is not the selected one.
        Assert.Equal(0, a.Teamdctl(topo.A, "port", "config", "update", topo.Ports[1], "{\"lacp_key\": 5}").Code);
        string ifindex1 = topo.A.Exec("cat", $"/sys/class/net/{topo.Ports[1]}/ifindex").Trim();
        Assert.True(TeamTopology.WaitFor(() => PortRunner(Dump(a, topo.A), topo.Ports[1])["aggregator"]!["id"]!.ToJsonString() == ifindex1, TimeSpan.FromSeconds(3)),
            "no aggregator of its own: " + PortRunner(Dump(a, topo.A), topo.Ports[1]).ToJsonString());
        JsonObject split = Dump(a, topo.A);
        Assert.NotEqual(PortRunner(split, topo.Ports[0])["aggregator"]!["id"]!.GetValue<int>(), PortRunner(split, topo.Ports[1])["aggregator"]!["id"]!.GetValue<int>());
        Assert.Equal(5, PortRunner(split, topo.Ports[1])["key"]!.GetValue<int>());
        Assert.False(PortRunner(split, topo.Ports[1])["aggregator"]!["selected"]!.GetValue<bool>());
        Assert.True(PortRunner(split, topo.Ports[0])["aggregator"]!["selected"]!.GetValue<bool>());
        Assert.Equal("false\n", a.Netteamctl(topo.A, "-p", topo.Ports[1], teamA, "getoption", "enabled").Stdout);
        // The partner splits the same way once it has heard the new key (its answer may wait for the 3-per-second limit).
        Assert.True(TeamTopology.WaitFor(() =>
        {
            JsonObject bd = Dump(b, topo.B);
            return PortRunner(bd, topo.Peers[0])["aggregator"]!["selected"]!.GetValue<bool>() && !PortRunner(bd, topo.Peers[1])["aggregator"]!["selected"]!.GetValue<bool>();
        }, TimeSpan.FromSeconds(3)), "the partner did not split: " + Dump(b, topo.B).ToJsonString());
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);
        Assert.True(a.Stop(TimeSpan.FromSeconds(15)), "netteamd A did not stop: " + a.Log);
    }

    [GeneratedRegex(@"aggregator ID: \d+")]
    private static partial Regex AggregatorId();

    [GeneratedRegex(@"down count: \d+")]
    private static partial Regex DownCount();
}
