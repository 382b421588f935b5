using System.Text.Json;
using NetTeam.Device;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>The team builds no GSO frame larger than its smallest port takes, as bonding does.</summary>
public class GsoLimitTests
{
    [Fact]
    public void TheTeamTakesTheSmallestPortsGsoLimitsAndGivesThemBack()
    {
        using TeamTopology topo = new();
        topo.A.Ip("link", "set", topo.Ports[1], "gso_max_size", "24000", "gso_max_segs", "40");
        TeamDevice team = topo.CreateTeam("roundrobin", ip: null);
        Assert.Equal((24000, 40), Gso(topo.A, "team0"));
        team.RemovePort(topo.Ports[1]);
        Assert.Equal((65536, 65535), Gso(topo.A, "team0"));
    }

    private static (int Size, int Segments) Gso(TestNamespace ns, string dev)
    {
        using JsonDocument doc = JsonDocument.Parse(ns.Ip("-d", "-j", "link", "show", "dev", dev));
        JsonElement link = doc.RootElement[0];
        return (link.GetProperty("gso_max_size").GetInt32(), link.GetProperty("gso_max_segs").GetInt32());
    }
}
