using System.Net.Sockets;
using NetTeam.Control.Client;
using NetTeam.Interop;

namespace NetTeam.Fuzz.Targets;

/// <summary>
/// Replies as netteamctl's client parses them (src/NetTeam.Control/Client/TeamdClient): whatever the daemon
/// sends, a call returns a reply or throws ControlException, and the state dump a reply carries renders.
/// The first octet picks the call; the rest is the reply datagram.
/// </summary>
public sealed class UsockClientTarget : FuzzTarget
{
    private Socket? _daemon;
    private TeamdClient? _client;

    public override string Name => "usock-client";

    public override string Description => "usock replies through TeamdClient (state dump + state view, port list, options, statistics): ControlException only";

    public override IReadOnlyList<byte[]> Tokens { get; } = Words(
        "REPLY_SUCCESS\n", "REPLY_ERROR\n", "EVENT\n", "\"runner\"", "\"ports\"", "\"team_device\"", "\"setup\"", "\"link_watches\"",
        "\"ifinfo\"", "\"link\"", "\"up\"", "\"name\"", "\"kernel_team_mode_name\"", "\"active_port\"", "\"aggregator\"", "\"selected\"",
        "\"actor_lacpdu_info\"", "\"partner_lacpdu_info\"", "\"state\"", "\"value\"", "\"ifindex\"", "\"changed\"", "true", "null", "{}", "[]", "1e400");

    public override string Run(ReadOnlySpan<byte> input)
    {
        if (input.Length == 0)
        {
            return "empty";
        }
        (Socket daemon, TeamdClient client) = Connect();
        daemon.Send(input[1..]);
        try
        {
            return Call(client, input[0] % 5);
        }
        catch (ControlException ex)
        {
            return Label("refused", ex.Message);
        }
        finally
        {
            byte[] request = new byte[64 * 1024];
            while (daemon.Available > 0)
            {
                daemon.Receive(request);
            }
            if (input.Length == 1)
            {
                // An empty datagram reads as end of file on the client's side: a fresh pair for the next input.
                Reset();
            }
        }
    }

    private static string Call(TeamdClient client, int which)
    {
        switch (which)
        {
            case 0:
                return client.StateDump().IsSuccess ? "raw" : "raw-error";
            case 1:
                System.Text.Json.Nodes.JsonObject dump = client.GetStateDump();
                _ = StateView.Render(dump, verbose: false);
                _ = StateView.Render(dump, verbose: true);
                return "state";
            case 2:
                return "ports:" + client.GetPorts().Select(TeamnlFormat.Port).Count();
            case 3:
                return "options:" + client.GetOptions().Select(TeamnlFormat.Option).Count();
            default:
                return "statistics:" + client.GetStatistics().Count;
        }
    }

    private (Socket Daemon, TeamdClient Client) Connect()
    {
        if (_daemon is null || _client is null)
        {
            (Socket daemon, Socket client) = UnixSocketPair.Create(SocketType.Seqpacket);
            _daemon = daemon;
            _client = new TeamdClient(client);
        }
        return (_daemon, _client);
    }

    private void Reset()
    {
        _client?.Dispose();
        _daemon?.Dispose();
        _client = null;
        _daemon = null;
    }

    protected override void Dispose(bool disposing) => Reset();
}
