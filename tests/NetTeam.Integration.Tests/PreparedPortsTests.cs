using NetTeam.Bpf;
using NetTeam.Device;
using NetTeam.Device.Options;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>
/// TeamDevice.PreparePorts: the eBPF plane attaches the programs of the ports a daemon is about to add side by
/// side (each tcx attach waits for an RCU grace period), the ports added take them, and what no port took
/// is detached again; a device prepared and never added is as it was.
/// </summary>
public class PreparedPortsTests
{
    [Fact]
    public void PreparedPortsTakeTheirProgramsAndWhatNoPortTookIsDetached()
    {
        using TeamTopology topo = new(plane: "ebpf");
        topo.BridgePeers();
        TeamDevice team = topo.CreateTeam("activebackup", ports: []);
        string p0 = topo.Ports[0], p1 = topo.Ports[1];
        int if0 = IfIndex(topo, p0), if1 = IfIndex(topo, p1);

        // A device that does not exist and the team itself are not prepared (nor refused: that is AddPort's).
        team.PreparePorts([p0, p1, "nosuchdev0", "team0"]);
        Assert.Single(Programs(topo, if0));
        Assert.Single(Programs(topo, if1));
        // Not ports yet: the programs pass their frames to the devices' own stacks.
        topo.A.Ip("addr", "add", "10.99.0.1/24", "dev", p1);
        topo.A.Ip("link", "set", p1, "up");
        topo.B.Ip("addr", "add", "10.99.0.2/24", "dev", "br0");
        topo.WaitReachable(topo.A, "10.99.0.2");
        Assert.Equal(10, topo.Ping(topo.A, "10.99.0.2").Received);
        topo.A.Ip("addr", "flush", "dev", p1);
        topo.A.Ip("link", "set", p1, "down");

        team.AddPort(p0);
        team.ReleasePreparedPorts();
        Assert.Single(Programs(topo, if0));
        Assert.Empty(Programs(topo, if1));

        // The port runs the program it was prepared with, swapped for the mode's: traffic goes through it.
        team.SetOption("activeport", OptionValue.FromU32((uint)if0));
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);
        Assert.True(team.GetPort(p0)!.Statistics.RxPackets >= 10);
    }

    private static int IfIndex(TeamTopology topo, string device) =>
        int.Parse(topo.A.ReadSysctl($"/sys/class/net/{device}/ifindex"), System.Globalization.CultureInfo.InvariantCulture);

    private static List<uint> Programs(TeamTopology topo, int ifIndex) => topo.A.Run(() =>
    {
        List<uint> ids = [];
        Assert.True(TcxLink.QueryPrograms(ifIndex, TcxDirection.Ingress, ids, out _).IsSuccess);
        return ids;
    });
}
