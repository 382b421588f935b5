using System.Net.Sockets;
using NetTeam.Control.Client;
using NetTeam.Control.Protocol;

namespace NetTeam.Control.Tests;

/// <summary>TeamdClient's calls through UsockServer over an in-memory socket pair: what the handler gets, what the client gets back.</summary>
public class PairedRequestTests
{
    public static TheoryData<string, string, string[]> TeamdCalls() => new()
    {
        { nameof(TeamdClient.ConfigDump), "ConfigDump", [] },
        { nameof(TeamdClient.ConfigDumpActual), "ConfigDumpActual", [] },
        { nameof(TeamdClient.StateDump), "StateDump", [] },
        { nameof(TeamdClient.StateItemGet), "StateItemValueGet", ["runner.active_port"] },
        { nameof(TeamdClient.StateItemSet), "StateItemValueSet", ["runner.active_port", "eth1"] },
        { nameof(TeamdClient.PortAdd), "PortAdd", ["eth0"] },
        { nameof(TeamdClient.PortRemove), "PortRemove", ["eth0"] },
        { nameof(TeamdClient.PortConfigUpdate), "PortConfigUpdate", ["eth0", "{\"prio\": 10}"] },
        { nameof(TeamdClient.PortConfigDump), "PortConfigDump", ["eth0"] },
    };

    private static ControlReply Invoke(TeamdClient client, string call, string[] a) => call switch
    {
        nameof(TeamdClient.ConfigDump) => client.ConfigDump(),
        nameof(TeamdClient.ConfigDumpActual) => client.ConfigDumpActual(),
        nameof(TeamdClient.StateDump) => client.StateDump(),
        nameof(TeamdClient.StateItemGet) => client.StateItemGet(a[0]),
        nameof(TeamdClient.StateItemSet) => client.StateItemSet(a[0], a[1]),
        nameof(TeamdClient.PortAdd) => client.PortAdd(a[0]),
        nameof(TeamdClient.PortRemove) => client.PortRemove(a[0]),
        nameof(TeamdClient.PortConfigUpdate) => client.PortConfigUpdate(a[0], a[1]),
        nameof(TeamdClient.PortConfigDump) => client.PortConfigDump(a[0]),
        _ => throw new ArgumentOutOfRangeException(nameof(call), call, null),
    };

    [Theory]
    [MemberData(nameof(TeamdCalls))]
    public async Task EveryTeamdMethodReachesTheHandlerWithItsArgumentsAndItsReplyComesBack(string call, string method, string[] args)
    {
        await using ControlPair pair = new();
        ControlReply reply = Invoke(pair.Client, call, args);
        Assert.True(reply.IsSuccess);
        Assert.Equal(FakeControlHandler.Echo(method, args), reply.Payload);
        (string Method, string[] Args) seen = Assert.Single(pair.Handler.Calls);
        Assert.Equal(method, seen.Method);
        Assert.Equal(args, seen.Args);
    }

    [Theory]
    [MemberData(nameof(TeamdCalls))]
    public async Task EveryTeamdMethodCarriesAnErrorReplyCodeAndMessage(string call, string method, string[] args)
    {
        FakeControlHandler handler = new() { Reply = (_, _) => ControlReply.Fail(new ControlError("ENOENT", "No port named eth9 in team0.")) };
        await using ControlPair pair = new(handler);
        ControlReply reply = Invoke(pair.Client, call, args);
        Assert.False(reply.IsSuccess);
        Assert.Null(reply.Payload);
        Assert.Equal(new ControlError("ENOENT", "No port named eth9 in team0."), reply.Error);
        Assert.Equal(method, Assert.Single(pair.Handler.Calls).Method);
    }

    [Fact]
    public async Task TeamdsOwnErrorsArriveAsTeamdctlShowsThem()
    {
        FakeControlHandler handler = new() { Reply = (_, _) => ControlReply.Fail(ControlError.PathDoesNotExist) };
        await using ControlPair pair = new(handler);
        Assert.Equal("REPLY_ERROR\nPathDoesNotExist\nItem path does not exist.\n", pair.Ask("REQUEST\nStateItemValueGet\nrunner.nothing\n"));
        Assert.Equal(ControlError.PathDoesNotExist, pair.Client.StateItemGet("runner.nothing").Error);
    }

    [Fact]
    public async Task NewlinesAndBackslashesInArgumentsAndPayloadsArriveUnchanged()
    {
        string config = "{\n  \"prio\": -10,\n  \"note\": \"a\\\\b\\n\"\n}\n";
        await using ControlPair pair = new();
        ControlReply reply = pair.Client.PortConfigUpdate("eth\\0", config);
        Assert.Equal(["eth\\0", config], Assert.Single(pair.Handler.Calls).Args);
        Assert.Equal(FakeControlHandler.Echo("PortConfigUpdate", ["eth\\0", config]), reply.Payload);
    }

    [Fact]
    public async Task OnTheWireArgumentsAreEscapedOneLineEach()
    {
        await using ControlPair pair = new();
        pair.Handler.Reply = (_, args) => ControlReply.Success(args[1]);
        // What teamdctl sends for a two-line value with a backslash: "\n" for the newline, "\\" for the backslash.
        Assert.Equal("REPLY_SUCCESS\nline1\nline2\\", pair.Ask("REQUEST\nStateItemValueSet\nrunner.x\nline1\\nline2\\\\\n"));
    }

    [Fact]
    public async Task NetTeamsOptionSetSendsDashesForNoPortAndNoIndex()
    {
        await using ControlPair pair = new();
        Assert.True(pair.Client.SetOption("mode", "activebackup").IsSuccess);
        Assert.True(pair.Client.SetOption("enabled", "false", "eth1", null).IsSuccess);
        Assert.True(pair.Client.SetOption("lb_hash_stats", "0", null, 255).IsSuccess);
        Assert.Equal(
            [["mode", "activebackup", "-", "-"], ["enabled", "false", "eth1", "-"], ["lb_hash_stats", "0", "-", "255"]],
            pair.Handler.Calls.Select(c => c.Args));
    }

    [Fact]
    public async Task OneConnectionCarriesManyRequestsInOrder()
    {
        await using ControlPair pair = new();
        for (int i = 0; i < 50; i++)
        {
            string port = "eth" + i;
            Assert.Equal(FakeControlHandler.Echo("PortAdd", [port]), pair.Client.PortAdd(port).Payload);
            Assert.Equal(FakeControlHandler.Echo("StateDump", []), pair.Client.StateDump().Payload);
        }
        Assert.Equal(100, pair.Handler.Calls.Count);
        Assert.False(pair.Serving.IsCompleted);
    }

    [Fact]
    public async Task ServingEndsWhenTheClientCloses()
    {
        await using ControlPair pair = new();
        Assert.True(pair.Client.StateDump().IsSuccess);
        pair.Client.Dispose();
        await pair.Serving.WaitAsync(ControlPair.Deadline);
    }

    [Fact]
    public async Task WhenTheServerStopsItClosesTheConnection()
    {
        await using ControlPair pair = new();
        Assert.True(pair.Client.StateDump().IsSuccess);
        await pair.StopServerAsync();
        await pair.Serving.WaitAsync(ControlPair.Deadline);
        Assert.True(pair.Socket.Poll(ControlPair.Deadline, SelectMode.SelectRead));
        Assert.Equal(0, pair.Socket.Receive(new byte[16]));
    }

    [Fact]
    public void AClientNeedsASeqpacketSocket()
    {
        (Socket a, Socket b) = Interop.UnixSocketPair.Create(SocketType.Stream);
        using (a)
        using (b)
        {
            Assert.Throws<ArgumentException>(() => new TeamdClient(a));
        }
    }
}
