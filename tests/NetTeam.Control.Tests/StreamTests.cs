using NetTeam.Control.Client;

namespace NetTeam.Control.Tests;

/// <summary>NetTeam's Monitor stream: the success reply, then the events, until the client goes.</summary>
public class StreamTests
{
    [Fact]
    public async Task EventsFollowTheReplyInOrderAsEventDatagrams()
    {
        await using ControlPair pair = new();
        Assert.Equal("REPLY_SUCCESS\n", pair.Ask("REQUEST\nMonitor\n"));
        await pair.Handler.StreamOpened.WaitAsync(ControlPair.Deadline);
        pair.Handler.Publish("{\"ports\": []}");
        pair.Handler.Publish("{\"options\": []}");
        Assert.Equal("EVENT\n{\"ports\": []}", pair.Receive());
        Assert.Equal("EVENT\n{\"options\": []}", pair.Receive());
        // A stream is no ordinary call: the handler was asked for the stream, not for a reply.
        Assert.Empty(pair.Handler.Calls);
    }

    [Fact]
    public async Task TheStreamEndsWhenTheClientGoes()
    {
        await using ControlPair pair = new();
        Assert.Equal("REPLY_SUCCESS\n", pair.Ask("REQUEST\nMonitor\n"));
        await pair.Handler.StreamOpened.WaitAsync(ControlPair.Deadline);
        Assert.False(pair.Handler.StreamClosed.IsCompleted);
        pair.Socket.Dispose();
        await pair.Handler.StreamClosed.WaitAsync(ControlPair.Deadline);
        await pair.Serving.WaitAsync(ControlPair.Deadline);
    }

    [Fact]
    public async Task TheStreamEndsWhenTheServerStops()
    {
        await using ControlPair pair = new();
        Assert.Equal("REPLY_SUCCESS\n", pair.Ask("REQUEST\nMonitor\n"));
        await pair.Handler.StreamOpened.WaitAsync(ControlPair.Deadline);
        await pair.StopServerAsync();
        await pair.Handler.StreamClosed.WaitAsync(ControlPair.Deadline);
        await pair.Serving.WaitAsync(ControlPair.Deadline);
        Assert.Equal(0, pair.Socket.Receive(new byte[16]));
    }

    [Fact]
    public async Task TeamdClientMonitorYieldsTheEventsAsTheyCome()
    {
        await using ControlPair pair = new();
        using CancellationTokenSource stop = new();
        using IEnumerator<TeamMonitorEvent> events = pair.Client.Monitor(stop.Token).GetEnumerator();
        Task<bool> first = Task.Run(events.MoveNext);
        await pair.Handler.StreamOpened.WaitAsync(ControlPair.Deadline);
        pair.Handler.Publish("""{"ports": [{"ifindex": 7, "ifname": "eth1", "linkup": true, "speed": 1000, "duplex": "full", "changed": true}]}""");
        Assert.True(await first.WaitAsync(ControlPair.Deadline));
        TeamPortStatus port = Assert.Single(events.Current.Ports!);
        Assert.Equal(new TeamPortStatus(7, "eth1", true, 1000, true, true, false), port);
        Assert.Null(events.Current.Options);
        stop.Cancel();
        Assert.False(await Task.Run(events.MoveNext).WaitAsync(ControlPair.Deadline));
    }

    [Fact]
    public async Task WhatTheClientSendsDuringAStreamIsNotAnswered()
    {
        await using ControlPair pair = new();
        Assert.Equal("REPLY_SUCCESS\n", pair.Ask("REQUEST\nMonitor\n"));
        await pair.Handler.StreamOpened.WaitAsync(ControlPair.Deadline);
        pair.Socket.Send("REQUEST\nStateDump\n"u8.ToArray());
        pair.Handler.Publish("{}");
        // The next datagram is the event, not a reply to the request the stream swallowed.
        Assert.Equal("EVENT\n{}", pair.Receive());
        Assert.Empty(pair.Handler.Calls);
    }
}
