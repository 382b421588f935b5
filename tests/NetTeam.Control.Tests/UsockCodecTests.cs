using System.Text;
using NetTeam.Control.Protocol;

namespace NetTeam.Control.Tests;

/// <summary>teamd's usock framing (libteam teamd/teamd_usock.c), request and reply, without a socket.</summary>
public class UsockCodecTests
{
    [Fact]
    public void RequestsAreFramedAsLibteamdctlFramesThem()
    {
        string wire = Encoding.UTF8.GetString(UsockCodec.EncodeRequest("StateItemValueGet", "runner.active_port"));
        Assert.Equal("REQUEST\nStateItemValueGet\nrunner.active_port\n", wire);
        Assert.Equal(UsockCodec.ParseResult.Ok, UsockCodec.TryParseRequest(wire, FakeControlHandler.MethodTable, out string method, out string[] args));
        Assert.Equal("StateItemValueGet", method);
        Assert.Equal(["runner.active_port"], args);
    }

    [Fact]
    public void ArgumentsEscapeNewlinesAndBackslashes()
    {
        string json = "{\n  \"prio\": 1, \"x\": \"a\\\\b\"\n}";
        string wire = Encoding.UTF8.GetString(UsockCodec.EncodeRequest("PortConfigUpdate", "eth0", json));
        Assert.Equal(4, wire.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(UsockCodec.ParseResult.Ok, UsockCodec.TryParseRequest(wire, FakeControlHandler.MethodTable, out _, out string[] args));
        Assert.Equal(json, args[1]);
        Assert.False(UsockCodec.TryUnescape("bad\\x", out _));
        Assert.False(UsockCodec.TryUnescape("trailing\\", out _));
    }

    [Theory]
    [InlineData("NOTREQUEST\nConfigDump\n")]
    [InlineData("REQUEST\nFrobnicate\n")]
    [InlineData("")]
    [InlineData("\n\n\n")]
    public void NonRequestsAndUnknownMethodsAreIgnoredAsTeamdDoes(string wire)
    {
        Assert.Equal(UsockCodec.ParseResult.Ignore, UsockCodec.TryParseRequest(wire, FakeControlHandler.MethodTable, out _, out _));
    }

    [Theory]
    [InlineData("REQUEST\nPortAdd\n")]
    [InlineData("REQUEST\nStateItemValueSet\nrunner.active_port\n")]
    [InlineData("REQUEST\nPortAdd\nbad\\q\n")]
    public void MissingOrCorruptArgumentsAreInvalidArgs(string wire)
    {
        Assert.Equal(UsockCodec.ParseResult.InvalidArgs, UsockCodec.TryParseRequest(wire, FakeControlHandler.MethodTable, out _, out _));
    }

    [Fact]
    public void EmptyLinesAreSkippedSoRunsOfNewlinesAreOneSeparator()
    {
        Assert.Equal(UsockCodec.ParseResult.Ok, UsockCodec.TryParseRequest("\nREQUEST\n\n\nPortAdd\n\neth0", FakeControlHandler.MethodTable, out string method, out string[] args));
        Assert.Equal("PortAdd", method);
        Assert.Equal(["eth0"], args);
    }

    [Fact]
    public void RepliesAreFramedAsTeamdSendsThem()
    {
        Assert.Equal("REPLY_SUCCESS\neth0", Encoding.UTF8.GetString(UsockCodec.EncodeReply(ControlReply.Success("eth0"))));
        Assert.Equal("REPLY_ERROR\nPathDoesNotExist\nItem path does not exist.\n", Encoding.UTF8.GetString(UsockCodec.EncodeReply(ControlReply.Fail(ControlError.PathDoesNotExist))));
        ControlReply? ok = UsockCodec.TryParseReply("REPLY_SUCCESS\n{\n\"a\": 1\n}");
        Assert.Equal("{\n\"a\": 1\n}", ok!.Payload);
        ControlReply? err = UsockCodec.TryParseReply("REPLY_ERROR\nNoSuchDev\nNo such device.\n");
        Assert.Equal(ControlError.NoSuchDev, err!.Error);
        Assert.Null(UsockCodec.TryParseReply("GARBAGE"));
    }
}
