using NetTeam.Device;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>What is set on the team interface reaches the ports, as the team driver propagates it.</summary>
public class PropagationTests
{
    [Fact]
    public void MtuAndMacSetWithIpLinkOnTheTeamReachThePorts()
    {
        using TeamTopology topo = new();
        TeamDevice team = topo.CreateTeam("roundrobin");
        topo.A.Ip("link", "set", "team0", "mtu", "9000");
        Assert.True(TeamTopology.WaitFor(() => topo.Ports.All(p => LinkSnapshot.Take(topo.A, p).Mtu == 9000), TimeSpan.FromSeconds(5)), "ports did not follow the team MTU");
        Assert.Equal(9000, team.Mtu);

        topo.A.Ip("link", "set", "team0", "address", "02:12:34:56:78:9a");
        Assert.True(TeamTopology.WaitFor(() => topo.Ports.All(p => LinkSnapshot.Take(topo.A, p).Address == "02:12:34:56:78:9a"), TimeSpan.FromSeconds(5)), "ports did not follow the team MAC");

        // Traffic still crosses at the new MTU.
        topo.PeerTeam("roundrobin");
        topo.B.Ip("link", "set", "team1", "mtu", "9000");
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        var ping = topo.A.TryExec("ping", "-c", "3", "-i", "0.05", "-s", "8000", "-M", "do", TeamTopology.PeerIp);
        Assert.True(ping.Code == 0, ping.Stdout + ping.Stderr);
    }

    [Fact]
    public void PromiscAllmultiAndMulticastGroupsReachThePorts()
    {
        using TeamTopology topo = new();
        topo.CreateTeam("broadcast");
        int basePromisc = LinkSnapshot.Take(topo.A, topo.Ports[0]).Promiscuity;

        topo.A.Ip("link", "set", "team0", "promisc", "on");
        Assert.True(TeamTopology.WaitFor(() => topo.Ports.All(p => LinkSnapshot.Take(topo.A, p).Promiscuity > basePromisc), TimeSpan.FromSeconds(5)), "promisc did not reach the ports");
        topo.A.Ip("link", "set", "team0", "promisc", "off");
        Assert.True(TeamTopology.WaitFor(() => topo.Ports.All(p => LinkSnapshot.Take(topo.A, p).Promiscuity == basePromisc), TimeSpan.FromSeconds(5)), "promisc off did not reach the ports");

        topo.A.Ip("link", "set", "team0", "allmulticast", "on");
        Assert.True(TeamTopology.WaitFor(() => topo.Ports.All(p => LinkSnapshot.Take(topo.A, p).AllMulti > 0), TimeSpan.FromSeconds(5)), "allmulti did not reach the ports");

        topo.A.Ip("maddr", "add", "01:00:5e:01:02:03", "dev", "team0");
        Assert.True(TeamTopology.WaitFor(() => topo.Ports.All(p => topo.A.Ip("maddr", "show", "dev", p).Contains("01:00:5e:01:02:03", StringComparison.Ordinal)), TimeSpan.FromSeconds(5)), "the multicast group did not reach the ports");
        topo.A.Ip("maddr", "del", "01:00:5e:01:02:03", "dev", "team0");
        Assert.True(TeamTopology.WaitFor(() => topo.Ports.All(p => !topo.A.Ip("maddr", "show", "dev", p).Contains("01:00:5e:01:02:03", StringComparison.Ordinal)), TimeSpan.FromSeconds(5)), "the multicast group stayed on the ports");
    }
}
