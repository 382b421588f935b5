using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>Open vSwitch as the LACP partner of a team whose daemon is killed and restarted (issue 11).</summary>
public class OvsRestartTests
{
    [Fact]
    public async Task OpenVswitchKeepsBothMembersCollectingAcrossKill9AndARestart()
    {
        using TeamTopology topo = new();
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            topo.A.Exec("ethtool", "-K", topo.Ports[i], "tx", "off");
            topo.B.Exec("ethtool", "-K", topo.Peers[i], "tx", "off");
            topo.B.Sysctl($"net.ipv4.conf.{topo.Peers[i]}.arp_ignore", "8");
        }
        using OvsSwitch ovs = OvsSwitch.Start(topo.B);
        ovs.Vsctl("add-br", "br0", "--", "set", "bridge", "br0", "datapath_type=netdev");
        ovs.Vsctl("add-bond", "br0", "bond0", topo.Peers[0], topo.Peers[1], "lacp=active", "bond_mode=balance-tcp",
            "other_config:lacp-time=fast", "other_config:bond-rebalance-interval=0");
        for (int i = 0; i < topo.Peers.Length; i++)
        {
            ovs.Vsctl("set", "interface", topo.Peers[i], "other_config:lacp-aggregation-key=10", $"other_config:lacp-port-id={i + 1}");
        }
        topo.B.Ip("addr", "add", TeamTopology.PeerIp + "/24", "dev", "br0");
        topo.B.Ip("link", "set", "br0", "up");

        string team = LacpTests.TeamName();
        string config = LacpTests.Config(team, topo.Ports);
        DaemonProcess first = Start(topo, team, "-c", config);
        try
        {
            bool Collecting()
            {
                string lacp = ovs.Appctl("lacp/show", "bond0");
                return topo.Peers.All(p => lacp.Contains($"member: {p}: current attached", StringComparison.Ordinal)) &&
                    lacp.Split("partner state: activity timeout aggregation synchronized collecting distributing").Length == 3;
            }
            Assert.True(TeamTopology.WaitFor(Collecting, TimeSpan.FromSeconds(15)), "no agreement with OVS:\n" + ovs.Appctl("lacp/show", "bond0"));
            topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            using PingStream ping = PingStream.Start(topo.A, TeamTopology.PeerIp, 1500, TimeSpan.FromMilliseconds(2));
            first.Kill9();
            Task<DaemonProcess> restart = Task.Run(() => Start(topo, team, "-o", "-c", config));
            List<string> lapses = [];
            DateTime until = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (DateTime.UtcNow < until || !restart.IsCompleted)
            {
                if (!Collecting())
                {
                    lapses.Add(ovs.Appctl("lacp/show", "bond0"));
                }
            }
            first.Dispose();
            first = await restart;
            (int sent, int received) = ping.Finish(TimeSpan.FromSeconds(30));
            Assert.True(lapses.Count == 0, $"OVS stopped collecting/distributing from us {lapses.Count} times:\n" + lapses.FirstOrDefault());
            Assert.True(received == sent, $"{sent - received} of {sent} pings lost");
        }
        finally
        {
            first.Dispose();
        }
    }

    private static DaemonProcess Start(TeamTopology topo, string team, params string[] args)
    {
        DaemonProcess d = DaemonProcess.Start(topo.A, team, Path.GetTempPath(), ["--data-plane", "ebpf", .. args]);
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        return d;
    }
}
