using System.Text.Json.Nodes;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>
/// Which plane a daemon gets: auto is the eBPF plane where the kernel has tcx and the process may use bpf(2);
/// without the privileges an explicit ebpf is refused with what is missing, and auto falls back and says why.
/// </summary>
public class DataPlaneChoiceTests
{
    // bpf(2) needs CAP_BPF (or CAP_SYS_ADMIN) for maps and SCHED_CLS programs when unprivileged BPF is off, as
    // here; the daemon keeps CAP_NET_ADMIN, so it can still make its TAP and configure ports.
    private static readonly string[] s_withoutBpf = ["setpriv", "--bounding-set=-bpf,-sys_admin"];

    private static string TeamName() => "nc" + Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();

    private static string Config(string team, TeamTopology topo, string plane = "") =>
        "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"activebackup\"}, " + plane +
        " \"ports\": {\"" + topo.Ports[0] + "\": {}, \"" + topo.Ports[1] + "\": {}}}";

    private static string Plane(DaemonProcess d, TeamTopology topo) =>
        JsonNode.Parse(d.Teamdctl(topo.A, "state", "dump").Stdout)!["setup"]!["data_plane"]!.GetValue<string>();

    [Fact]
    public void AutoIsTheEbpfPlaneWhereTheKernelHasTcxAndTheProcessMayUseBpf()
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        string team = TeamName();
        // Neither the config nor the command line names a plane: the default is auto.
        using DaemonProcess d = DaemonProcess.Start(topo.A, team, Path.GetTempPath(), "-c", Config(team, topo));
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        Assert.Equal("ebpf", Plane(d, topo));
        Assert.Contains("data plane ebpf (the kernel has tcx and the process may use bpf(2))", d.Log, StringComparison.Ordinal);
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
    }

    [Fact]
    public void WithoutCapBpfAnExplicitEbpfIsRefusedWithWhatIsMissingAndChangesNothing()
    {
        using TeamTopology topo = new();
        string team = TeamName();
        LinkSnapshot[] before = [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];

        (int code, string output) = DaemonProcess.RunUnder(s_withoutBpf, topo.A, "-c", Config(team, topo, "\"data_plane\": \"ebpf\","));

        Assert.Equal(1, code);
        Assert.Contains("The eBPF data plane is not available: the eBPF data plane needs CAP_BPF and CAP_NET_ADMIN (or CAP_SYS_ADMIN)", output, StringComparison.Ordinal);
        Assert.DoesNotContain(team, topo.A.Ip("link", "show"), StringComparison.Ordinal);
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            LinkSnapshot.AssertSame(before[i], LinkSnapshot.Take(topo.A, topo.Ports[i]), topo.Ports[i]);
        }
    }

    [Fact]
    public void WithoutCapBpfAutoFallsBackToTheUserspacePlaneSaysWhyAndCarriesTraffic()
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        string team = TeamName();
        using DaemonProcess d = DaemonProcess.StartUnder(s_withoutBpf, topo.A, team, Path.GetTempPath(), null, "-c", Config(team, topo, "\"data_plane\": \"auto\","));
        Assert.True(d.WaitReady(topo.A, TimeSpan.FromSeconds(30)), "netteamd did not start: " + d.Log);
        Assert.Equal("userspace", Plane(d, topo));
        Assert.Contains("data plane userspace (the eBPF plane is not available: the eBPF data plane needs CAP_BPF", d.Log, StringComparison.Ordinal);
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp).Received);
    }
}
