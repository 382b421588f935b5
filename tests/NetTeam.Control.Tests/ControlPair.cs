using System.Net.Sockets;
using System.Text;
using NetTeam.Control.Client;
using NetTeam.Control.Server;
using NetTeam.Interop;

namespace NetTeam.Control.Tests;

/// <summary>
/// A control client and server joined by socketpair(AF_UNIX, SOCK_SEQPACKET) in this process, as Tmds.DBus
/// pairs a client and a server connection for its tests: the server's code path is the daemon's, with no socket file.
/// </summary>
internal sealed class ControlPair : IAsyncDisposable
{
    /// <summary>How long a test waits for something that happens at once; a deadline, not a pause.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();

    public ControlPair(FakeControlHandler? handler = null)
    {
        Handler = handler ?? new FakeControlHandler();
        (Socket client, Socket server) = UnixSocketPair.Create(SocketType.Seqpacket);
        Socket = client;
        Client = new TeamdClient(client);
        Serving = UsockServer.ServeAsync(server, Handler, Log.Enqueue, _stop.Token);
    }

    public FakeControlHandler Handler { get; }

    /// <summary>The client's end, for datagrams that TeamdClient would never send.</summary>
    public Socket Socket { get; }

    public TeamdClient Client { get; }

    /// <summary>Completes when the server has stopped serving the connection.</summary>
    public Task Serving { get; }

    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Sends one datagram as it is and returns the reply datagram's text.</summary>
    public string Ask(byte[] datagram)
    {
        Socket.Send(datagram);
        return Receive();
    }

    public string Ask(string datagram) => Ask(Encoding.UTF8.GetBytes(datagram));

    public string Receive()
    {
        Assert.True(Socket.Poll(Deadline, SelectMode.SelectRead), "no datagram from the server");
        byte[] buffer = new byte[64 * 1024];
        return Encoding.UTF8.GetString(buffer, 0, Socket.Receive(buffer));
    }

    /// <summary>The server ends its side, as netteamd does when it stops.</summary>
    public Task StopServerAsync() => _stop.CancelAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _stop.CancelAsync();
        await Serving.WaitAsync(Deadline);
        _stop.Dispose();
    }
}
