using System.Globalization;
using System.Text.Json.Nodes;
using NetTeam.Integration.Tests.Topology;

namespace NetTeam.Integration.Tests;

/// <summary>
/// The Debian package as a person installs it: dist/build-deb's netteam_VERSION_amd64.deb (.ci/run builds it
/// before the tests), unpacked with dpkg -x, its Native AOT netteamd and netteamctl run a team on both data
/// planes, and its man pages render without a warning. A missing package fails: it is the thing under test.
/// </summary>
public sealed class PackageTests : IClassFixture<PackageTests.Unpacked>
{
    private readonly Unpacked _package;

    public PackageTests(Unpacked package) => _package = package;

    [Fact]
    public void TheInstalledProgramsPrintThePackagesVersion()
    {
        Assert.Equal("netteamd " + _package.Version, Cmd.Run(_package.Netteamd, "--version").Trim());
        Assert.Equal("netteamctl " + _package.Version, Cmd.Run(_package.Netteamctl, "--version").Trim());
        Assert.True(File.Exists(Path.Combine(_package.Root, "usr/lib/systemd/system/netteamd@.service")));
        Assert.True(File.Exists(Path.Combine(_package.Root, "usr/share/bash-completion/completions/netteamctl")));
        Assert.True(Directory.Exists(Path.Combine(_package.Root, "etc/netteam")));
    }

    [Theory]
    [InlineData("netteamd.8")]
    [InlineData("netteamctl.8")]
    [InlineData("netteamd.conf.5")]
    public void TheManPagesRenderWithoutWarnings(string page)
    {
        string gz = Path.Combine(_package.Root, "usr/share/man/man" + page[^1], page + ".gz");
        var r = Cmd.Try("sh", "-c", "zcat \"$0\" | groff -ww -man -Tutf8", gz);
        Assert.True(r.Code == 0 && r.Stderr.Length == 0, r.Stderr);
        Assert.Contains(_package.Version, r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("userspace")]
    [InlineData("ebpf")]
    public void AnInstalledTeamCarriesTrafficAndACleanStopRestoresItsPorts(string plane)
    {
        using TeamTopology topo = new();
        topo.BridgePeers();
        string team = LacpTests.TeamName();
        LinkSnapshot[] before = [.. topo.Ports.Select(p => LinkSnapshot.Take(topo.A, p))];
        string config = "{\"device\": \"" + team + "\", \"runner\": {\"name\": \"activebackup\"}, \"ports\": {\"" + topo.Ports[0] + "\": {}, \"" + topo.Ports[1] + "\": {}}}";
        using (DaemonProcess d = DaemonProcess.StartExecutable(topo.A, team, Path.GetTempPath(), _package.Netteamd, "--data-plane", plane, "-c", config))
        {
            string pid = d.Pid.ToString(CultureInfo.InvariantCulture);
            Assert.True(TeamTopology.WaitFor(() => d.HasExited || Ctl(topo, team, "state", "item", "get", "setup.pid").Stdout.Trim() == pid, TimeSpan.FromSeconds(30)) && !d.HasExited, d.Log);
            topo.A.Ip("addr", "add", TeamTopology.TeamIp + "/24", "dev", team);
            topo.WaitReachable(topo.A, TeamTopology.PeerIp);
            Assert.Equal(10, topo.Ping(topo.A, TeamTopology.PeerIp, 10).Received);

            var dump = Ctl(topo, team, "state", "dump");
            Assert.True(dump.Code == 0, dump.Stderr);
            JsonNode setup = JsonNode.Parse(dump.Stdout)!["setup"]!;
            Assert.Equal(_package.Version, setup["version"]!.GetValue<string>());
            Assert.Equal(plane, setup["data_plane"]!.GetValue<string>());
            Assert.Equal("activebackup", setup["runner_name"]!.GetValue<string>());

            Assert.True(d.Stop(TimeSpan.FromSeconds(15)), d.Log);
            Assert.True(d.ExitCode == 0, d.Log);
        }
        for (int i = 0; i < topo.Ports.Length; i++)
        {
            LinkSnapshot.AssertSame(before[i], LinkSnapshot.Take(topo.A, topo.Ports[i]), topo.Ports[i]);
        }
        Assert.DoesNotContain(team, topo.A.Ip("link", "show"), StringComparison.Ordinal);
    }

    private (int Code, string Stdout, string Stderr) Ctl(TeamTopology topo, string team, params string[] args) =>
        topo.A.TryExec([_package.Netteamctl, team, .. args]);

    /// <summary>The package unpacked once for all the tests, removed after them.</summary>
    public sealed class Unpacked : IDisposable
    {
        public Unpacked()
        {
            string outDir = Path.Combine(SystemdTests.RepoRoot(), "dist", "out");
            string[] debs = Directory.Exists(outDir) ? Directory.GetFiles(outDir, "netteam_*_amd64.deb") : [];
            Assert.True(debs.Length == 1, $"expected one netteam_*_amd64.deb in {outDir} (bash dist/build-deb builds it), found {debs.Length}");
            string name = Path.GetFileName(debs[0]);
            Version = name["netteam_".Length..^"_amd64.deb".Length];
            Root = Directory.CreateTempSubdirectory("netteam-deb-").FullName;
            Cmd.Run("dpkg", "-x", debs[0], Root);
        }

        public string Root { get; }

        public string Version { get; }

        public string Netteamd => Path.Combine(Root, "usr/sbin/netteamd");

        public string Netteamctl => Path.Combine(Root, "usr/bin/netteamctl");

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
