using System.Globalization;
using System.Text;
using NetTeam.Control.Protocol;
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
        AssertRefused(pair, Encoding.UTF8.GetBytes(request), InvalidArgs, "usock: Insufficient number of arguments in message.");
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
        AssertRefused(pair, Encoding.UTF8.GetBytes(datagram), BadRequest, "usock: a message that is not a request for a known method");
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xfe, 0x0a })]
    [InlineData(new byte[] { 0xc3, 0x28 })]
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })]
    public async Task InvalidUtf8IsABadRequestEvenInAnArgumentOfAKnownMethod(byte[] bad)
    {
        await using ControlPair pair = new();
        AssertRefused(pair, bad, BadRequest, log: null);
        // Not replaced by U+FFFD and passed on: a request with a malformed name is refused whole.
        AssertRefused(pair, [.. "REQUEST\nPortAdd\neth"u8, .. bad, (byte)'\n'], BadRequest, log: null);
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
        byte[] huge = PortAddOfSize(pair, UsockServer.MaxRequestBytes + 1);
        AssertRefused(pair, huge, "REPLY_ERROR\nRequestTooLarge\nRequest too large.\n", $"usock: refused a {huge.Length}-byte request (limit {UsockServer.MaxRequestBytes})");
    }

    [Fact]
    public async Task ARequestAtTheLimitIsServed()
    {
        await using ControlPair pair = new();
        pair.Handler.Reply = (_, args) => ControlReply.Success(args[0].Length.ToString(CultureInfo.InvariantCulture));
        byte[] big = PortAddOfSize(pair, UsockServer.MaxRequestBytes);
        Assert.Equal($"REPLY_SUCCESS\n{big.Length - 16}", pair.Ask(big));
    }

    /// <summary>The datagram gets <paramref name="reply"/> and the server logs why; the handler never sees it, and the connection serves on.</summary>
    private static void AssertRefused(ControlPair pair, byte[] datagram, string reply, string? log)
    {
        int calls = pair.Handler.Calls.Count;
        Assert.Equal(reply, pair.Ask(datagram));
        Assert.Equal(calls, pair.Handler.Calls.Count);
        if (log is not null)
        {
            Assert.Contains(log, pair.Log);
        }
        Assert.Equal("REPLY_SUCCESS\nStateItemValueGet(setup.runner_name)", pair.Ask("REQUEST\nStateItemValueGet\nsetup.runner_name\n"));
        Assert.Equal(calls + 1, pair.Handler.Calls.Count);
        Assert.False(pair.Serving.IsCompleted);
    }

    /// <summary>A PortAdd of exactly <paramref name="size"/> bytes, its argument all x; and a send buffer that takes it in one datagram.</summary>
    private static byte[] PortAddOfSize(ControlPair pair, int size)
    {
        byte[] request = new byte[size];
        "REQUEST\nPortAdd\n"u8.CopyTo(request);
        request.AsSpan(16).Fill((byte)'x');
        // Over 1 MiB in one datagram needs a send buffer of that size (wmem_max allows 4 MiB here, as in the daemon tests).
        pair.Socket.SendBufferSize = 4 * 1024 * 1024;
        return request;
    }
}
