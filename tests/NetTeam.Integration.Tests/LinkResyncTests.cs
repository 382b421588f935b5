using System.Diagnostics;
using NetTeam.Device;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>Link events lost to a full netlink buffer (ENOBUFS): the team reads its links again and its view matches the system's.</summary>
public class LinkResyncTests
{
    private const int Burst = 2000;

    [Fact]
    public void ACarrierChangeLostInABurstOfLinkEventsIsFoundByTheResync()
    {
        using TeamTopology topo = new(plane: "userspace");
        using TeamDevice team = TeamDevice.Create(new TeamCreateOptions
        {
            Name = "team0",
            Mode = "roundrobin",
            NetworkNamespace = topo.A.Name,
            Up = true,
            LockDirectory = topo.LockDirectory,
            DataPlane = Device.DataPlane.DataPlaneKind.Userspace,
            // The kernel's smallest buffer (SOCK_MIN_RCVBUF): two notifications fill it.
            LinkMonitorReceiveBuffer = 1,
        });
        foreach (string port in topo.Ports)
        {
            team.AddPort(port);
        }
        Assert.True(TeamTopology.WaitFor(() => topo.Ports.All(p => team.GetPort(p)!.Link.Up), TimeSpan.FromSeconds(5)), "the ports did not come up");

        // The peer of port 1 loses its link in the middle of a burst of alias changes on port 0.
        AliasBurstAround(topo, () => topo.B.Ip("link", "set", topo.Peers[1], "down"));
        Assert.True(team.LinkResyncs > 0, "the burst did not overrun the link monitor's buffer: the test shows nothing");
        Assert.True(TeamTopology.WaitFor(() => !team.GetPort(topo.Ports[1])!.Link.Up, TimeSpan.FromSeconds(5)), "the team still sees port 1 up after the resync");
        Assert.True(team.GetPort(topo.Ports[0])!.Link.Up);

        // And back, again inside a burst.
        // (Whether this burst overruns the buffer again depends on how fast the loop drains it: the first one
        // proved the resync; this one checks the return is seen either way.)
        AliasBurstAround(topo, () => topo.B.Ip("link", "set", topo.Peers[1], "up"));
        Assert.True(TeamTopology.WaitFor(() => topo.Ports.All(p => team.GetPort(p)!.Link.Up), TimeSpan.FromSeconds(5)), "the team does not see port 1 up again");

        // A port deleted inside a burst is removed from the team, the other stays.
        AliasBurstAround(topo, () => topo.A.Ip("link", "del", topo.Ports[1]));
        Assert.True(TeamTopology.WaitFor(() => team.GetPort(topo.Ports[1]) is null, TimeSpan.FromSeconds(5)), "the deleted port is still in the team");
        Assert.Equal([topo.Ports[0]], team.Ports.Select(p => p.Name));
        Assert.Equal($"a{Burst - 1}", LinkAlias(topo, topo.Ports[0]));
    }

    private static string LinkAlias(TeamTopology topo, string port) =>
        topo.A.Ip("-o", "link", "show", port).Split(" alias ") is [_, string alias] ? alias.Trim() : string.Empty;

    /// <summary>Runs <paramref name="change"/> while `ip -batch` makes <see cref="Burst"/> alias changes on port 0, and waits for the batch.</summary>
    private static void AliasBurstAround(TeamTopology topo, Action change)
    {
        string batch = Path.Combine(topo.LockDirectory, $"alias-{Guid.NewGuid():N}.batch");
        Directory.CreateDirectory(topo.LockDirectory);
        File.WriteAllLines(batch, Enumerable.Range(0, Burst).Select(i => $"link set dev {topo.Ports[0]} alias a{i}"));
        ProcessStartInfo psi = new("ip") { ArgumentList = { "-n", topo.A.Name, "-batch", batch }, RedirectStandardError = true };
        using Process ip = Process.Start(psi)!;
        change();
        Assert.True(ip.WaitForExit(60_000), "ip -batch did not finish within 60 s");
        Assert.True(ip.ExitCode == 0, ip.StandardError.ReadToEnd());
        File.Delete(batch);
    }
}
