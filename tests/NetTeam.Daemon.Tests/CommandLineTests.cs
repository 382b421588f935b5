namespace NetTeam.Daemon.Tests;

public class CommandLineTests
{
    [Fact]
    public void TeamdsShortAndLongFormsParse()
    {
        CommandLine cl = CommandLine.Parse(["-d", "-gg", "-f", "/etc/teamd/ab.conf", "-tteam7", "--pid-file=/tmp/x.pid", "--no-ports", "-N"], out string? error);
        Assert.Null(error);
        Assert.True(cl.Daemonize);
        Assert.Equal(2, cl.Debug);
        Assert.Equal("/etc/teamd/ab.conf", cl.ConfigFile);
        Assert.Equal("team7", cl.TeamDevice);
        Assert.Equal("/tmp/x.pid", cl.PidFile);
        Assert.True(cl.NoPorts);
        Assert.True(cl.NoQuitDestroy);
    }

    [Fact]
    public void LongOptionsMayBeAbbreviatedWhenUnambiguous()
    {
        CommandLine cl = CommandLine.Parse(["--team-dev", "t1", "--config", "{}", "--kill"], out string? error);
        Assert.Null(error);
        Assert.Equal("t1", cl.TeamDevice);
        Assert.Equal("{}", cl.ConfigText);
        Assert.True(cl.Kill);
        CommandLine.Parse(["--conf", "x"], out error);
        Assert.Contains("ambiguous", error);
        CommandLine.Parse(["--team"], out error);
        Assert.Contains("requires an argument", error);
    }

    [Theory]
    [InlineData("-x", "invalid option -- 'x'")]
    [InlineData("-f", "option requires an argument -- 'f'")]
    [InlineData("--frobnicate", "unrecognized option '--frobnicate'")]
    [InlineData("stray", "unexpected argument 'stray'")]
    public void BadArgumentsAreNamed(string arg, string message)
    {
        CommandLine.Parse([arg], out string? error);
        Assert.Equal(message, error);
    }

    [Fact]
    public void HelpEndsWithEveryRunnerAsTeamdListsThem() =>
        Assert.EndsWith("Available runners: broadcast, roundrobin, random, activebackup, loadbalance, lacp\n", CommandLine.HelpText, StringComparison.Ordinal);
}
