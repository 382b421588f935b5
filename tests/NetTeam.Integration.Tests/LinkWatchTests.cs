using System.Net;
using System.Text.Json.Nodes;
using NetTeam.Device.Frames;
using NetTeam.Integration.Tests.Topology;
using NetTeam.Interop;

namespace NetTeam.Integration.Tests;

/// <summary>netteamd's link watchers against real links: carrier loss, silent failures, flaps, policies, notifications.</summary>
public class LinkWatchTests
{
    private const string TeamIp6 = "fd00:213::1";
    private const string PeerIp6 = "fd00:213::2";

    private static string TeamName() => "nw" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();

    /// <summary>activebackup with port 0 preferred (prio 100, not sticky, so it comes back) and the given watchers.</summary>
    private static string AbConfig(string team, string[] ports, string linkWatch, string extra = "") => $$$"""
        {
            "device": "{{{team}}}",
            "runner": {"name": "activebackup"},
            "link_watch": {{{linkWatch}}},
            {{{extra}}}
            "ports": {"{{{ports[0]}}}": {"prio": 100}, "{{{ports[1]}}}": {"prio": -10}}
        }
        """;

    private static string ArpPing(string target = TeamTopology.PeerIp, string extra = "") =>
        $$"""{"name": "arp_ping", "interval": 100, "missed_max": 3, "target_host": "{{target}}"{{extra}}}""";

    private static DaemonProcess StartDaemon(TeamTopology topo, string team, string config)
    {
        DaemonProcess d = topo.StartDaemon(team, Path.GetTempPath(), ["-c", config]);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
        return d;
    }

    private static string Active(DaemonProcess d, TeamTopology topo) => d.Teamdctl(topo.A, "state", "item", "get", "runner.active_port").Stdout.Trim();

    private static bool WaitActive(DaemonProcess d, TeamTopology topo, string port, double seconds = 5) =>
        TeamTopology.WaitFor(() => Active(d, topo) == port, TimeSpan.FromSeconds(seconds));

    private static JsonNode Port(DaemonProcess d, TeamTopology topo, string port) =>
        JsonNode.Parse(d.Teamdctl(topo.A, "state", "dump").Stdout)!["ports"]![port]!;

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void ASilentFailureIsCaughtByArpPingButNotByEthtool(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        topo.BridgePeers();
        string team = TeamName();
        string[] p = topo.Ports;

        // ethtool only: the dead switch port keeps its carrier, so nothing happens and traffic is lost.
        using (DaemonProcess d = StartDaemon(topo, team, AbConfig(team, p, """{"name": "ethtool"}""")))
        {
            Assert.True(WaitActive(d, topo, p[0]), "port 0 did not become active");
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            topo.SilencePeer(0);
            // Something that must not happen can only be watched for a while: 1 s is ten arp_ping intervals.
            Assert.False(TeamTopology.WaitFor(() => Active(d, topo) != p[0], TimeSpan.FromSeconds(1)), "ethtool reacted to a silent failure");
            Assert.True(Port(d, topo, p[0])["link_watches"]!["up"]!.GetValue<bool>());
            Assert.Equal(0, topo.Ping(topo.A, TeamTopology.PeerIp, 3).Received);
            topo.RestorePeer(0);
            Assert.True(d.Stop(TimeSpan.FromSeconds(15)));
        }

        using (DaemonProcess d = StartDaemon(topo, team, AbConfig(team, p, ArpPing())))
        {
            Assert.True(WaitActive(d, topo, p[0]), "port 0 did not become active: " + d.Log);
            Assert.True(TeamTopology.WaitFor(() => Port(d, topo, p[1])["link_watches"]!["up"]!.GetValue<bool>(), TimeSpan.FromSeconds(5)), "the backup's arp_ping never came up");
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);

            topo.SilencePeer(0);
            Assert.True(WaitActive(d, topo, p[1]), "arp_ping did not catch the silent failure");
            JsonNode dead = Port(d, topo, p[0]);
            Assert.True(dead["link"]!["up"]!.GetValue<bool>(), "the carrier should still be up");
            Assert.False(dead["link_watches"]!["up"]!.GetValue<bool>());
            JsonNode watch = dead["link_watches"]!["list"]!["link_watch_0"]!;
            Assert.Equal("arp_ping", watch["name"]!.GetValue<string>());
            Assert.True(watch["missed"]!.GetValue<int>() >= 3);
            Assert.Equal(1, watch["down_count"]!.GetValue<int>());
            // The team's view of the dead port follows the watcher, not the carrier (user_linkup).
            Assert.Equal("false\n", d.Netteamctl(topo.A, "--port", p[0], team, "getoption", "user_linkup").Stdout);
            Assert.Equal("true\n", d.Netteamctl(topo.A, "--port", p[0], team, "getoption", "user_linkup_enabled").Stdout);
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);

            // The better port's network comes back: it answers again and is active again.
            topo.RestorePeer(0);
            Assert.True(WaitActive(d, topo, p[0]), "port 0 did not come back");
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            Assert.True(TeamTopology.WaitFor(() => d.Teamdctl(topo.A, "-v", "state", "view").Stdout == d.Netteamctl(topo.A, "-v", team, "state", "view").Stdout, TimeSpan.FromSeconds(5)),
                d.Teamdctl(topo.A, "-v", "state", "view").Stdout + "\n---\n" + d.Netteamctl(topo.A, "-v", team, "state", "view").Stdout);
        }
    }

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void NsnaPingCatchesASilentFailureOverIpv6(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        topo.BridgePeers();
        TeamTopology.EnableIpv6(topo.B, "br0", PeerIp6 + "/64");
        string team = TeamName();
        string watch = $$"""{"name": "nsna_ping", "interval": 100, "missed_max": 3, "target_host": "{{PeerIp6}}"}""";
        using DaemonProcess d = StartDaemon(topo, team, AbConfig(team, topo.Ports, watch));
        TeamTopology.EnableIpv6(topo.A, team, TeamIp6 + "/64");
        Assert.True(WaitActive(d, topo, topo.Ports[0], 10), "port 0 did not become active: " + d.Log);
        Assert.True(TeamTopology.WaitFor(() => Port(d, topo, topo.Ports[1])["link_watches"]!["up"]!.GetValue<bool>(), TimeSpan.FromSeconds(5)), "the backup's nsna_ping never came up");
        topo.SilencePeer(0);
        Assert.True(WaitActive(d, topo, topo.Ports[1]), "nsna_ping did not catch the silent failure");
        Assert.True(Port(d, topo, topo.Ports[0])["link"]!["up"]!.GetValue<bool>());
        topo.WaitReachable(topo.A, PeerIp6);
        topo.RestorePeer(0);
        Assert.True(WaitActive(d, topo, topo.Ports[0]), "port 0 did not come back");
        // teamdctl's rendering of our dump equals ours (two dumps: retry while a counter moves between them).
        Assert.True(TeamTopology.WaitFor(() => d.Teamdctl(topo.A, "-v", "state", "view").Stdout == d.Netteamctl(topo.A, "-v", team, "state", "view").Stdout, TimeSpan.FromSeconds(5)),
            d.Teamdctl(topo.A, "-v", "state", "view").Stdout + "\n---\n" + d.Netteamctl(topo.A, "-v", team, "state", "view").Stdout);
    }

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void AFailoverIsAnnouncedWithGratuitousArpUnsolicitedAdvertisementAndMembershipReportsFromTheTeam(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        topo.BridgePeers();
        string team = TeamName();
        using DaemonProcess d = StartDaemon(topo, team, AbConfig(team, topo.Ports, """{"name": "ethtool"}"""));
        TeamTopology.EnableIpv6(topo.A, team, TeamIp6 + "/64");
        Assert.True(WaitActive(d, topo, topo.Ports[0]));
        MacAddress mac = MacAddress.Parse(JsonNode.Parse(d.Teamdctl(topo.A, "state", "dump").Stdout)!["team_device"]!["ifinfo"]!["dev_addr"]!.GetValue<string>());

        // A group joined on the team, for mcast_rejoin (activebackup writes back count 1, as teamd does).
        using System.Net.Sockets.Socket member = topo.A.Run(() => new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp));
        member.SetSocketOption(System.Net.Sockets.SocketOptionLevel.IP, System.Net.Sockets.SocketOptionName.AddMembership,
            new System.Net.Sockets.MulticastOption(IPAddress.Parse("239.1.2.3"), IPAddress.Parse(TeamTopology.TeamIp)));
        // dumpcap first: it is ready only once it says so, and the frame reader must not see frames it missed.
        using PacketCapture dump = PacketCapture.Start(topo.B, topo.Peers[1], Path.GetTempPath(), "arp or ip6 or igmp");
        using FrameCapture capture = new(topo.B, topo.Peers[1]);
        topo.B.Ip("link", "set", topo.Peers[0], "down");
        Assert.True(WaitActive(d, topo, topo.Ports[1]));
        byte[]? garp = capture.WaitFor(f => ArpPacket.TryParse(f, out ArpPacket a) && a.SenderIp.Equals(IPAddress.Parse(TeamTopology.TeamIp)) && a.TargetIp.Equals(a.SenderIp), TimeSpan.FromSeconds(3));
        Assert.NotNull(garp);
        Assert.True(ArpPacket.TryParse(garp, out ArpPacket arp));
        Assert.Equal(mac, arp.SenderMac);
        Assert.Equal(EthernetHeader.Broadcast, new MacAddress(garp.AsSpan(0, 6)));
        byte[]? na = capture.WaitFor(f => NeighborDiscovery.TryParseAdvertisement(f, out IPAddress s, out IPAddress t) && s.Equals(IPAddress.Parse(TeamIp6)) && t.Equals(s), TimeSpan.FromSeconds(3));
        Assert.NotNull(na);
        Assert.Equal(mac, new MacAddress(na.AsSpan(6, 6)));
        // mcast_rejoin: an IGMPv3 report (224.0.0.22, type 0x22) naming the group, from the team's MAC.
        byte[] group = IPAddress.Parse("239.1.2.3").GetAddressBytes();
        byte[]? igmp = capture.WaitFor(f => f.Length >= 14 + 24 + 16 && f[12] == 0x08 && f[13] == 0x00 && f[14 + 9] == 2 && f[14 + 24] == 0x22 &&
            f.AsSpan(14 + 24 + 8).IndexOf(group) >= 0, TimeSpan.FromSeconds(3));
        Assert.NotNull(igmp);
        Assert.Equal(mac, new MacAddress(igmp.AsSpan(6, 6)));
        // And an MLDv2 report (ff02::16, type 143) with the solicited-node group of the team's IPv6 address.
        byte[] solicited = NeighborDiscovery.SolicitedNode(IPAddress.Parse(TeamIp6)).GetAddressBytes();
        byte[]? mld = capture.WaitFor(f => f.Length > 14 + 48 && f[12] == 0x86 && f[13] == 0xdd && f[14 + 48] == 143 &&
            f.AsSpan(14 + 48).IndexOf(solicited) >= 0, TimeSpan.FromSeconds(3));
        Assert.NotNull(mld);

        // tshark reads every one of them as what it is, with no malformed field and no expert warning.
        Assert.True(dump.WaitFor("icmpv6.type == 143", TimeSpan.FromSeconds(5)), "dumpcap saw no MLD report");
        string file = dump.Stop();
        Assert.NotEmpty(PacketCapture.Read(file, $"arp.isgratuitous == 1 && arp.src.proto_ipv4 == {TeamTopology.TeamIp}"));
        Assert.NotEmpty(PacketCapture.Read(file, $"icmpv6.type == 136 && icmpv6.nd.na.target_address == {TeamIp6} && icmpv6.nd.na.flag.o == 1 && icmpv6.checksum.status == \"Good\""));
        Assert.NotEmpty(PacketCapture.Read(file, "igmp.version == 3 && igmp.type == 0x22 && igmp.maddr == 239.1.2.3"));
        Assert.NotEmpty(PacketCapture.Read(file, "icmpv6.type == 143 && icmpv6.mldr.nb_mcast_records >= 1"));
        Assert.Empty(PacketCapture.Read(file, "_ws.malformed || _ws.expert.severity >= warning"));
    }

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void DelaysHoldAFlappingLinkAndLetItOnlyChangeAfterItHasSettled(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        topo.BridgePeers();
        string team = TeamName();
        using DaemonProcess d = StartDaemon(topo, team, AbConfig(team, topo.Ports, """{"name": "ethtool", "delay_up": 1500, "delay_down": 1500}"""));
        Assert.True(WaitActive(d, topo, topo.Ports[0]));

        // A flap shorter than delay_down is never seen.
        topo.B.Ip("link", "set", topo.Peers[0], "down");
        topo.B.Ip("link", "set", topo.Peers[0], "up");
        Assert.False(TeamTopology.WaitFor(() => Active(d, topo) != topo.Ports[0], TimeSpan.FromSeconds(2)), "a short flap caused a failover");
        Assert.Equal(0, Port(d, topo, topo.Ports[0])["link_watches"]!["list"]!["link_watch_0"]!["down_count"]!.GetValue<int>());

        // A real loss is taken after delay_down, and the port's return only after delay_up.
        topo.B.Ip("link", "set", topo.Peers[0], "down");
        Assert.Equal(topo.Ports[0], Active(d, topo));
        Assert.True(WaitActive(d, topo, topo.Ports[1]), "no failover after delay_down");
        topo.B.Ip("link", "set", topo.Peers[0], "up");
        Assert.True(TeamTopology.WaitFor(() => Port(d, topo, topo.Ports[0])["link"]!["up"]!.GetValue<bool>(), TimeSpan.FromSeconds(3)));
        Assert.Equal(topo.Ports[1], Active(d, topo));
        Assert.True(WaitActive(d, topo, topo.Ports[0]), "the port did not return after delay_up");
        JsonNode watch = Port(d, topo, topo.Ports[0])["link_watches"]!["list"]!["link_watch_0"]!;
        Assert.Equal(1, watch["down_count"]!.GetValue<int>());
        Assert.Equal(1500, watch["delay_up"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("any", true, "userspace")]
    [InlineData("any", true, "ebpf")]
    [InlineData("all", false, "userspace")]
    [InlineData("all", false, "ebpf")]
    public void LinkWatchPolicyDecidesWhetherOneWatcherIsEnough(string policy, bool up, string plane)
    {
        using TeamTopology topo = new(plane: plane);
        topo.BridgePeers();
        string team = TeamName();
        // One port, so no other port's probes come back to it: ethtool is up, arp_ping asks for an address nobody has.
        string watchers = $"[{{\"name\": \"ethtool\"}}, {ArpPing("10.213.7.99")}]";
        string config = $"{{\"device\": \"{team}\", \"runner\": {{\"name\": \"roundrobin\"}}, \"link_watch_policy\": \"{policy}\", " +
            $"\"link_watch\": {watchers}, \"ports\": {{\"{topo.Ports[0]}\": {{}}}}}}";
        using DaemonProcess d = StartDaemon(topo, team, config);
        // Both verdicts are in after the first arp_ping interval; 1 s is ten of them.
        Assert.Equal(!up, TeamTopology.WaitFor(() => !Port(d, topo, topo.Ports[0])["link_watches"]!["up"]!.GetValue<bool>(), TimeSpan.FromSeconds(1)));
        JsonNode lw = Port(d, topo, topo.Ports[0])["link_watches"]!;
        Assert.Equal(up, lw["up"]!.GetValue<bool>());
        Assert.True(lw["list"]!["link_watch_0"]!["up"]!.GetValue<bool>());
        Assert.False(lw["list"]!["link_watch_1"]!["up"]!.GetValue<bool>());
        Assert.Equal(up ? "true\n" : "false\n", d.Netteamctl(topo.A, "--port", topo.Ports[0], team, "getoption", "enabled").Stdout);
        Assert.Equal(!up, topo.A.Ip("link", "show", "dev", team).Contains("NO-CARRIER", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, "userspace")]
    [InlineData(false, "ebpf")]
    [InlineData(true, "userspace")]
    [InlineData(true, "ebpf")]
    public void ValidateActiveRefusesAnswersFromTheWrongHost(bool validate, string plane)
    {
        using TeamTopology topo = new(plane: plane);
        topo.BridgePeers();
        string team = TeamName();
        // The target is nobody; a stranger (the peer, 10.213.7.2) keeps sending ARP replies to the team.
        string flag = validate ? "true" : "false";
        string watch = ArpPing("10.213.7.99", $", \"validate_active\": {flag}, \"validate_inactive\": {flag}");
        string config = $"{{\"device\": \"{team}\", \"runner\": {{\"name\": \"roundrobin\"}}, \"link_watch\": {watch}, \"ports\": {{\"{topo.Ports[0]}\": {{}}}}}}";
        using DaemonProcess d = StartDaemon(topo, team, config);
        MacAddress teamMac = MacAddress.Parse(JsonNode.Parse(d.Teamdctl(topo.A, "state", "dump").Stdout)!["team_device"]!["ifinfo"]!["dev_addr"]!.GetValue<string>());
        using CancellationTokenSource stop = new();
        Thread stranger = new(() => topo.B.Run(() =>
        {
            int index = Interfaces.NameToIndex(topo.Peers[0]);
            Assert.True(PacketSocket.Open(index, PacketSocket.AllProtocols, nonBlocking: false, out FileDescriptorHandle? s).IsSuccess);
            using (s!)
            {
                byte[] reply = new ArpPacket(ArpPacket.Reply, MacAddress.Parse("0a:00:00:00:00:02"), IPAddress.Parse(TeamTopology.PeerIp), teamMac, IPAddress.Any).ToFrame(teamMac);
                for (int i = 0; i < 200 && !stop.IsCancellationRequested; i++)
                {
                    PacketSocket.SendTo(s!, index, reply);
                    Thread.Sleep(20);
                }
            }
            return 0;
        }));
        stranger.Start();
        bool seenUp = TeamTopology.WaitFor(() => Port(d, topo, topo.Ports[0])["link_watches"]!["up"]!.GetValue<bool>(), TimeSpan.FromSeconds(2));
        stop.Cancel();
        stranger.Join(TimeSpan.FromSeconds(10));
        Assert.Equal(!validate, seenUp);
    }

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void RoundrobinDisablesAPortWhoseProbesGoUnanswered(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        topo.BridgePeers();
        string team = TeamName();
        string config = $"{{\"device\": \"{team}\", \"runner\": {{\"name\": \"roundrobin\"}}, \"link_watch\": {ArpPing()}, " +
            $"\"ports\": {{\"{topo.Ports[0]}\": {{}}, \"{topo.Ports[1]}\": {{}}}}}}";
        using DaemonProcess d = StartDaemon(topo, team, config);
        string Enabled(int i) => d.Netteamctl(topo.A, "--port", topo.Ports[i], team, "getoption", "enabled").Stdout.Trim();
        Assert.True(TeamTopology.WaitFor(() => Enabled(0) == "true" && Enabled(1) == "true", TimeSpan.FromSeconds(5)), "the ports did not come up: " + d.Log);
        topo.SilencePeer(0);
        Assert.True(TeamTopology.WaitFor(() => Enabled(0) == "false", TimeSpan.FromSeconds(5)), "the silent port stayed enabled");
        Assert.Equal("true", Enabled(1));
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);
        topo.RestorePeer(0);
        Assert.True(TeamTopology.WaitFor(() => Enabled(0) == "true", TimeSpan.FromSeconds(5)), "the port did not come back");
    }

    [Theory]
    [InlineData("""{"name": "arp_ping", "interval": 100}""", "link_watch.target_host: missing (expected an IPv4 address)")]
    [InlineData("""{"name": "arp_ping", "target_host": "10.1.1"}""", "link_watch.target_host: \"10.1.1\" is not an IPv4 address or a host name that resolves to one")]
    [InlineData("""[{"name": "ethtool"}, {"name": "nsna_ping", "target_host": "10.0.0.1"}]""", "link_watch[1].target_host: \"10.0.0.1\" is not an IPv6 address or a host name that resolves to one")]
    public void AWatcherConfigErrorIsReportedAndNothingStarts(string watch, string error)
    {
        using TestNamespace ns = new();
        string team = TeamName();
        var r = DaemonProcess.RunToEnd(ns, "-c", $$"""{"device": "{{team}}", "link_watch": {{watch}}}""");
        Assert.Equal(1, r.Code);
        Assert.Contains(error, r.Output);
        Assert.DoesNotContain(team, ns.Ip("link", "show"));
    }
}
