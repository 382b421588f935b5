using NetTeam.Device;
using NetTeam.Integration.Tests.Topology;
using NetTeam.Interop;

namespace NetTeam.Integration.Tests;

/// <summary>Each refused operation names the problem and changes nothing on the system.</summary>
public class BadInputTests
{
    [Fact]
    public void RefusedPortsAreLeftExactlyAsTheyWere()
    {
        using TeamTopology topo = new();
        topo.A.Ip("tuntap", "add", "dev", "tun-ntt", "mode", "tun");
        TeamDevice team = topo.CreateTeam("roundrobin", ports: [topo.Ports[0]]);
        LinkSnapshot lo = LinkSnapshot.Take(topo.A, "lo");
        LinkSnapshot tun = LinkSnapshot.Take(topo.A, "tun-ntt");

        AssertRefused(team, "nosuch0", Errno.ENODEV, "No such device");
        AssertRefused(team, "lo", Errno.EINVAL, "loopback");
        AssertRefused(team, "team0", Errno.EINVAL, "itself");
        AssertRefused(team, "tun-ntt", Errno.EINVAL, "not an Ethernet device");
        AssertRefused(team, topo.Ports[0], Errno.EBUSY, "already a port of team0");
        LinkSnapshot.AssertSame(lo, LinkSnapshot.Take(topo.A, "lo"), "lo");
        LinkSnapshot.AssertSame(tun, LinkSnapshot.Take(topo.A, "tun-ntt"), "tun-ntt");
        Assert.Single(team.Ports);
    }

    [Fact]
    public void APortHeldByAnotherTeamIsRefusedAndUntouched()
    {
        using TeamTopology topo = new();
        TeamDevice first = topo.CreateTeam("roundrobin", ports: [topo.Ports[0]]);
        TeamDevice second = topo.CreateTeam("broadcast", ip: null, name: "team9", ports: []);
        LinkSnapshot held = LinkSnapshot.Take(topo.A, topo.Ports[0]);
        AssertRefused(second, topo.Ports[0], Errno.EBUSY, "team0");
        LinkSnapshot.AssertSame(held, LinkSnapshot.Take(topo.A, topo.Ports[0]), topo.Ports[0]);
        Assert.Single(first.Ports);
        Assert.Empty(second.Ports);
    }

    [Fact]
    public void ModeChangeWithPortsAndBadOptionValuesChangeNothing()
    {
        using TeamTopology topo = new();
        TeamDevice team = topo.CreateTeam("loadbalance");
        Assert.Equal(Errno.EBUSY, Assert.Throws<TeamException>(() => team.SetOption("mode", "broadcast")).Error);
        Assert.Equal("loadbalance", team.ModeName);
        Assert.Equal(Errno.EINVAL, Assert.Throws<TeamException>(() => team.SetOption("lb_tx_method", "fastest")).Error);
        Assert.Equal("hash", team.GetOption("lb_tx_method").AsString);
        Assert.Equal(Errno.ENOENT, Assert.Throws<TeamException>(() => team.SetOption("activeport", "3")).Error);
    }

    [Fact]
    public void ATeamNameThatCannotBeAnInterfaceIsRefused()
    {
        using TestNamespace ns = new();
        TeamException ex = Assert.Throws<TeamException>(() => TeamDevice.Create(new TeamCreateOptions { Name = "a-name-far-too-long", NetworkNamespace = ns.Name }));
        Assert.Contains("1 to 15 characters", ex.Message);
    }

    private static void AssertRefused(TeamDevice team, string port, Errno errno, string message)
    {
        TeamException ex = Assert.Throws<TeamException>(() => team.AddPort(port));
        Assert.Equal(errno, ex.Error);
        Assert.Contains(message, ex.Message);
    }
}
