using NetTeam.Control.Protocol;

namespace NetTeam.Daemon.Tests;

/// <summary>State item paths as teamdctl names them; the framing of the protocol is tested in NetTeam.Control.Tests.</summary>
public class ControlProtocolTests
{
    [Theory]
    [InlineData("runner.active_port", new[] { "runner", "active_port" })]
    [InlineData("ports.\"eth1.1\".link_watches.up", new[] { "ports", "eth1.1", "link_watches", "up" })]
    [InlineData("setup", new[] { "setup" })]
    public void StatePathsSplitWithTeamdsQuoting(string path, string[] parts)
    {
        Assert.Equal(parts, StatePath.Split(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("ports.\"eth1")]
    [InlineData("a.")]
    public void BadStatePathsAreRejected(string path) => Assert.Null(StatePath.Split(path));
}
