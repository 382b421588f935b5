using System.Diagnostics;
using System.Text.Json.Nodes;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>A real LACP partner: Open vSwitch's userspace datapath with a balance-tcp bond facing netteamd's lacp runner.</summary>
public class LacpOvsTests
{
    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void OpenVswitchBalanceTcpBondNegotiatesBothLinksWithNetteamd(string plane)
    {
        using TeamTopology topo = new(plane: plane);
        // OVS reads the ports with AF_PACKET: no checksum offload on the veths that face it (teamd-spec §5.1).
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            topo.A.Exec("ethtool", "-K", topo.Ports[i], "tx", "off");
            topo.B.Exec("ethtool", "-K", topo.Peers[i], "tx", "off");
        }
        for (int i = 0; i < topo.Peers.Length; i++)
        {
            topo.B.Sysctl($"net.ipv4.conf.{topo.Peers[i]}.arp_ignore", "8");
        }
        using OvsSwitch ovs = OvsSwitch.Start(topo.B);
        ovs.Vsctl("add-br", "br0", "--", "set", "bridge", "br0", "datapath_type=netdev");
        ovs.Vsctl("add-bond", "br0", "bond0", topo.Peers[0], topo.Peers[1], "lacp=active", "bond_mode=balance-tcp",
            "other_config:lacp-time=fast", "other_config:bond-rebalance-interval=0");
        // Fixed keys and port ids: OVS's automatic key follows its first member (teamd-spec §5.2).
        for (int i = 0; i < topo.Peers.Length; i++)
        {
            ovs.Vsctl("set", "interface", topo.Peers[i], "other_config:lacp-aggregation-key=10", $"other_config:lacp-port-id={i + 1}");
        }
        topo.B.Ip("addr", "add", TeamTopology.PeerIp + "/24", "dev", "br0");
        topo.B.Ip("link", "set", "br0", "up");

        string team = LacpTests.TeamName();
        Directory.CreateDirectory(topo.LockDirectory);
        using DaemonProcess d = topo.StartDaemon(team, topo.LockDirectory, ["-c", LacpTests.Config(team, topo.Ports)]);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        Stopwatch converge = Stopwatch.StartNew();

        // OVS: both members current and attached, its own state and ours in sync, collecting and distributing.
        bool OvsAgrees()
        {
            string lacp = ovs.Appctl("lacp/show", "bond0");
            return topo.Peers.All(p => lacp.Contains($"member: {p}: current attached", StringComparison.Ordinal)) &&
                CountOf(lacp, "actor state: activity timeout aggregation synchronized collecting distributing") == 2 &&
                CountOf(lacp, "partner state: activity timeout aggregation synchronized collecting distributing") == 2;
        }
        Assert.True(TeamTopology.WaitFor(() => OvsAgrees() && Converged(LacpTests.Dump(d, topo.A), topo.Ports), TimeSpan.FromSeconds(15)),
            "no agreement with OVS:\n" + ovs.Appctl("lacp/show", "bond0") + "\n" + LacpTests.Dump(d, topo.A).ToJsonString() + "\n" + d.Log);
        converge.Stop();
        string bond = ovs.Appctl("bond/show", "bond0");
        Assert.Contains("lacp_status: negotiated", bond);
        foreach (string p in topo.Peers)
        {
            Assert.Contains($"member {p}: enabled", bond);
        }
        Console.WriteLine($"LACP with Open vSwitch: both members current/attached/collecting/distributing {converge.Elapsed.TotalMilliseconds:F0} ms after netteamd was ready");
        Console.WriteLine(ovs.Appctl("lacp/show", "bond0"));

        // Traffic crosses both ways, on both members. The members are ordinary netdevs to B's kernel, which would
        // answer ARP for br0's address on them with their own MACs (arp_ignore 0): OVS's ports stay silent.
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        string br0Mac = topo.B.Exec("cat", "/sys/class/net/br0/address").Trim();
        Assert.Contains($"lladdr {br0Mac}", topo.A.Ip("neigh", "show", TeamTopology.PeerIp, "dev", team));
        Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);
        Assert.Equal(10, topo.Ping(topo.B, TeamTopology.TeamIp).Received);
        long[] before = [.. topo.Ports.Select(p => LacpTests.TxPackets(topo.A, p))];
        // Many flows, so the tx hash spreads them over both members; both directions carry data.
        for (int i = 0; i < 4; i++)
        {
            TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 2 * 1024 * 1024);
            TeamTopology.TcpTransfer(topo.B, topo.A, TeamTopology.TeamIp, 2 * 1024 * 1024);
        }
        for (int port = 40000; port < 40032; port++)
        {
            TeamTopology.SendUdp(topo.A, TeamTopology.PeerIp, port, 9, 5);
        }
        long[] after = [.. topo.Ports.Select(p => LacpTests.TxPackets(topo.A, p))];
        Assert.True(after[0] > before[0] && after[1] > before[1], $"frames sent on the two members: {after[0] - before[0]}, {after[1] - before[1]}");
        Assert.Contains("lacp_status: negotiated", ovs.Appctl("bond/show", "bond0"));
    }

    private static bool Converged(JsonObject dump, string[] ports) => ports.All(p =>
        dump["ports"]?[p]?["runner"] is JsonNode r && r["state"]!.GetValue<string>() == "current" && r["aggregator"]!["selected"]!.GetValue<bool>() &&
        (r["actor_lacpdu_info"]!["state"]!.GetValue<int>() & 0x3f) == 0x3f);

    private static int CountOf(string text, string what)
    {
        int n = 0;
        for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            n++;
        }
        return n;
    }
}
