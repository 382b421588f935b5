using System.Globalization;
using System.Text.Json.Nodes;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>
/// The integration suite's runner test once more, against the package's Native AOT binaries: trimming drops
/// what nothing seems to reach, and a JSON type, a runner or a netteamctl command missing from the trimmed
/// program would hide behind the JIT build. Every runner carries traffic under the installed netteamd (lacp
/// against a second installed netteamd), dumps teamd's keys, and the installed netteamctl's commands that
/// print (state view, config dump, ports, options, statistics, top, convert-bond) answer as the JIT build does.
/// </summary>
public sealed class PackageRunnerTests : IClassFixture<PackageTests.Unpacked>
{
    private readonly PackageTests.Unpacked _package;

    public PackageRunnerTests(PackageTests.Unpacked package) => _package = package;

    [Theory]
    [InlineData("broadcast")]
    [InlineData("roundrobin")]
    [InlineData("random")]
    [InlineData("activebackup")]
    [InlineData("loadbalance")]
    [InlineData("lacp")]
    public void EveryRunnerUnderTheInstalledBinariesCarriesTrafficAndDumpsTeamdsKeys(string runner)
    {
        using TeamTopology topo = new();
        string team = LacpTests.TeamName();
        string config = runner == "lacp"
            ? LacpTests.Config(team, topo.Ports)
            : "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"" + runner + "\"}, \"ports\": {\"" + topo.Ports[0] + "\": {}, \"" + topo.Ports[1] + "\": {}}}";
        using DaemonProcess? partner = runner == "lacp" ? StartInstalled(topo, topo.B, LacpTests.TeamName(), topo.Peers) : null;
        if (runner == "activebackup")
        {
            // Either port may be the active one: the peers sit on a bridge, as for teamd's own activebackup test.
            topo.BridgePeers();
        }
        else if (partner is null)
        {
            topo.PeerTeam(runner);
        }
        using DaemonProcess d = DaemonProcess.StartExecutable(topo.A, team, Path.GetTempPath(), _package.Netteamd, "-c", config);
        Assert.True(Ready(topo.A, d), "the installed netteamd did not start: " + d.Log);
        if (partner is not null)
        {
            topo.B.Ip("addr", "add", TeamTopology.PeerIp + "/24", "dev", partner.Team);
        }
        topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
        topo.WaitReachable(topo.A, TeamTopology.PeerIp);
        TeamTopology.TcpTransfer(topo.A, topo.B, TeamTopology.PeerIp, 2 * 1024 * 1024);

        JsonNode ours = JsonNode.Parse(Ok(Ctl(topo, team, "state", "dump")))!;
        JsonNode golden = JsonNode.Parse(TeamdFixtures.Read(runner, "state_dump.json"))!;
        Assert.Equal(DumpShape.Of(golden, ["eth0", "eth1"]), DumpShape.Of(ours, topo.Ports));
        Assert.Equal(d.Teamdctl(topo.A, "state", "view").Stdout, Ok(Ctl(topo, team, "state", "view")));
        Assert.Equal(d.Teamdctl(topo.A, "config", "dump").Stdout, Ok(Ctl(topo, team, "config", "dump")));
        Assert.Contains(topo.Ports[1], Ok(Ctl(topo, team, "ports")));
        Assert.Contains("mode", Ok(Ctl(topo, team, "options")));
        JsonNode stats = JsonNode.Parse(Ok(Ctl(topo, team, "-j", "statistics")))!;
        Assert.NotNull(stats);
        string frame = Ok(Ctl(topo, team, "top", "--once"));
        Assert.Contains(topo.Ports[0], frame);
        Assert.Contains(topo.Ports[1], frame);
        Assert.True(d.Stop(TimeSpan.FromSeconds(15)), d.Log);
    }

    [Fact]
    public void TheInstalledProgramsCheckConfigsAndConvertBonds()
    {
        string bad = "{\"device\": \"team0\", \"runner\": {\"name\": \"activebackup\", \"hwaddr_polcy\": \"same_all\"}}";
        var check = Cmd.Try(_package.Netteamd, "--check-config", "--strict", "-c", bad);
        Assert.Equal(1, check.Code);
        Assert.Contains("runner.hwaddr_polcy: unknown key; did you mean runner.hwaddr_policy?", check.Stdout + check.Stderr);
        Assert.Equal(0, Cmd.Try(_package.Netteamd, "--check-config", "-c", "{\"device\": \"team0\", \"runner\": {\"name\": \"lacp\"}}").Code);

        var converted = Cmd.Try(_package.Netteamctl, "convert-bond", "mode=802.3ad miimon=100 lacp_rate=fast xmit_hash_policy=layer3+4");
        Assert.True(converted.Code == 0, converted.Stderr);
        JsonNode config = JsonNode.Parse(converted.Stdout)!;
        Assert.Equal("lacp", config["runner"]!["name"]!.GetValue<string>());
        Assert.True(config["runner"]!["fast_rate"]!.GetValue<bool>());
        Assert.Equal(0, Cmd.Try(_package.Netteamd, "--check-config", "--strict", "-c", converted.Stdout).Code);
    }

    private DaemonProcess StartInstalled(TeamTopology topo, TestNamespace ns, string team, string[] ports)
    {
        DaemonProcess d = DaemonProcess.StartExecutable(ns, team, Path.GetTempPath(), _package.Netteamd, "-c", LacpTests.Config(team, ports));
        Assert.True(Ready(ns, d), "the installed partner netteamd did not start: " + d.Log);
        return d;
    }

    private static bool Ready(TestNamespace ns, DaemonProcess d)
    {
        string pid = d.Pid.ToString(CultureInfo.InvariantCulture);
        return TeamTopology.WaitFor(() => d.HasExited || d.Teamdctl(ns, "state", "item", "get", "setup.pid").Stdout.Trim() == pid, TimeSpan.FromSeconds(30)) && !d.HasExited;
    }

    private (int Code, string Stdout, string Stderr) Ctl(TeamTopology topo, string team, params string[] args) =>
        topo.A.TryExec([_package.Netteamctl, team, .. args]);

    private static string Ok((int Code, string Stdout, string Stderr) r)
    {
        Assert.True(r.Code == 0, r.Stderr);
        return r.Stdout;
    }
}
