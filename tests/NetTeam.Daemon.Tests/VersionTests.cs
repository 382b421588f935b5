using System.Text.RegularExpressions;
using NetTeam.Cli;
using NetTeam.Control;

namespace NetTeam.Daemon.Tests;

/// <summary>netteamd -v and netteamctl -V report the build's one version, without the source revision.</summary>
public partial class VersionTests
{
    [Fact]
    public void TheVersionIsTheBuildsWithoutTheRevision()
    {
        Assert.Matches(PlainVersion(), NetTeamVersion.Text);
        Assert.Equal(typeof(CommandLine).Assembly.GetName().Version!.ToString(3), NetTeamVersion.Text);
    }

    [Theory]
    [InlineData("-v")]
    [InlineData("--version")]
    public void NetteamdParsesItsVersionFlag(string flag)
    {
        CommandLine cl = CommandLine.Parse([flag], out string? error);
        Assert.Null(error);
        Assert.True(cl.Version);
    }

    [Theory]
    [InlineData("-V")]
    [InlineData("--version")]
    public void NetteamctlPrintsTheVersionWithoutATeam(string flag)
    {
        StringWriter stdout = new();
        StringWriter stderr = new();
        Assert.Equal(0, Ctl.Run([flag], stdout, stderr));
        Assert.Equal("netteamctl " + NetTeamVersion.Text + Environment.NewLine, stdout.ToString());
        Assert.Empty(stderr.ToString());
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex PlainVersion();
}
