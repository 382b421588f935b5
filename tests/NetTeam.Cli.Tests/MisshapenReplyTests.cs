namespace NetTeam.Cli.Tests;

/// <summary>
/// A daemon's reply that is JSON but of the wrong shape ends the command with exit code 1 and a message
/// naming the command, never with an unhandled exception (issue 14: hostile input). (`state view` renders
/// what it can of any dump, as teamdctl's does, and is not among them.)
/// </summary>
public sealed class MisshapenReplyTests : IAsyncDisposable
{
    private readonly FakeDaemon _daemon = new() { Misshapen = true };

    [Theory]
    [InlineData("statistics")]
    [InlineData("ports")]
    [InlineData("options")]
    [InlineData("top", "--once")]
    public void AReplyOfTheWrongShapeIsReportedNotThrown(params string[] command)
    {
        (int code, string _, string stderr) = _daemon.Run(["team0", .. command]);
        Assert.Equal(1, code);
        Assert.Contains("reply", stderr, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _daemon.DisposeAsync();
}
