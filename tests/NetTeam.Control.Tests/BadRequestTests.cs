using NetTeam.Control.Server;

namespace NetTeam.Control.Tests;

/// <summary>What a client that is not teamdctl may send: each gets a clear error, the handler is not called, and the connection goes on.</summary>
public class BadRequestTests
{
    private const string BadRequest = "REPLY_ERROR\nBadRequest\nNot a request for a known method.\n";
    private const string InvalidArgs = "REPLY_ERROR\nInvalidArgs\nDid not receive correct message arguments.\n";

    [Theory]
    [InlineData("REQUEST\nPortAdd\n")]
    [InlineData("REQUEST\nStateItemValueSet\nrunner.active_port\n")]
    [InlineData("REQUEST\nPortAdd\nbad\\escape\n")]
    [InlineData("REQUEST\nOptionSet\nmode\nactivebackup\n-\n")]
    public async Task MissingOrBadlyEscapedArgumentsAreInvalidArgs(string request)
    {
        await using ControlPair pair = new();
        Assert.Equal(InvalidArgs, pair.Ask(request));
        Assert.Empty(pair.Handler.Calls);
        Assert.Contains("usock: Insufficient number of arguments in message.", pair.Log);
        AssertStillServes(pair);
    }

    [Theory]
    [InlineData("REQUEST\nRebootTheWorld\n")]
    [InlineData("NOTREQUEST\nConfigDump\n")]
    [InlineData("REQUEST\n")]
    [InlineData("\n\n\n")]
    [InlineData("\u0001\u0002garbage\n\n")]
    [InlineData("REPLY_SUCCESS\nConfigDump\n")]
    public async Task GarbageAndUnknownMethodsAreBadRequests(string datagram)
    {
        await using ControlPair pair = new();
        Assert.Equal(BadRequest, pair.Ask(datagram));
        Assert.Empty(pair.Handler.Calls);
        Assert.Contains("usock: a message that is not a request for a known method", pair.Log);
        AssertStillServes(pair);
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xfe, 0x0a })]
    [InlineData(new byte[] { 0xc3, 0x28 })]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]
    public async Task InvalidUtf8IsABadRequestEvenInAnArgumentOfAKnownMethod(byte[] bad)
    {
        await using ControlPair pair = new();
        Assert.Equal(BadRequest, pair.Ask(bad));
        // Not replaced by U+FFFD and passed on: a request with a malformed name is refused whole.
        Assert.Equal(BadRequest, pair.Ask([.. "REQUEST\nPortAdd\neth"u8, .. bad, (byte)'\n']));
        Assert.Empty(pair.Handler.Calls);
        AssertStillServes(pair);
    }

    [Fact]
    public async Task AnEmptyArgumentIsSkippedAsTeamdSkipsEmptyLines()
    {
        // teamd_usock_msg_getline skips empty lines, so an empty argument is no argument.
        await using ControlPair pair = new();
        Assert.Equal(InvalidArgs, pair.Ask("REQUEST\nPortAdd\n\n"));
    }

    [Fact]
    public async Task ARequestOverTheLimitIsRequestTooLarge()
    {
        await using ControlPair pair = new();
        byte[] huge = new byte[UsockServer.MaxRequestBytes + 1];
        "REQUEST\nPortAdd\n"u8.CopyTo(huge);
        huge.AsSpan(16).Fill((byte)'x');
        // One datagram of over 1 MiB needs a send buffer of that size (wmem_max allows 4 MiB here, as in the daemon tests).
        pair.Socket.SendBufferSize = 4 * 1024 * 1024;
        Assert.Equal("REPLY_ERROR\nRequestTooLarge\nRequest too large.\n", pair.Ask(huge));
        Assert.Empty(pair.Handler.Calls);
        Assert.Contains(pair.Log, l => l.StartsWith($"usock: refused a {huge.Length}-byte request", StringComparison.Ordinal));
        AssertStillServes(pair);
    }

    [Fact]
    public async Task ARequestAtTheLimitIsServed()
    {
        await using ControlPair pair = new();
        pair.Handler.Reply = (_, args) => Protocol.ControlReply.Success(args[0].Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        byte[] big = new byte[UsockServer.MaxRequestBytes];
        "REQUEST\nPortAdd\n"u8.CopyTo(big);
        big.AsSpan(16).Fill((byte)'x');
        pair.Socket.SendBufferSize = 4 * 1024 * 1024;
        Assert.Equal($"REPLY_SUCCESS\n{big.Length - 16}", pair.Ask(big));
    }

    private static void AssertStillServes(ControlPair pair)
    {
        Assert.Equal("REPLY_SUCCESS\nStateItemValueGet(setup.runner_name)", pair.Ask("REQUEST\nStateItemValueGet\nsetup.runner_name\n"));
        Assert.False(pair.Serving.IsCompleted);
    }
}
