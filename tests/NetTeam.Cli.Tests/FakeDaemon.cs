using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTeam.Control.Client;
using NetTeam.Control.Protocol;
using NetTeam.Control.Server;
using NetTeam.Interop;

namespace NetTeam.Cli.Tests;

/// <summary>
/// A daemon stand-in for netteamctl's commands: it answers the read-only methods from teamd's activebackup
/// fixture (state and config dumps) and counters of its own, over socketpair(2) connections served by the
/// control server's own code, one per <see cref="Connect"/>. Every call is recorded.
/// </summary>
internal sealed class FakeDaemon : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _serving = [];
    private readonly Handler _handler = new();

    public ConcurrentQueue<string> Calls => _handler.Calls;

    /// <summary>Answers with JSON of the wrong shape (numbers where names belong, strings for counters).</summary>
    public bool Misshapen
    {
        get => _handler.Misshapen;
        set => _handler.Misshapen = value;
    }

    /// <summary>A client joined to this daemon, as Ctl.Run's connector returns one.</summary>
    public TeamdClient Connect(string team)
    {
        (Socket client, Socket server) = UnixSocketPair.Create(SocketType.Seqpacket);
        _serving.Add(UsockServer.ServeAsync(server, _handler, null, _stop.Token));
        return new TeamdClient(client);
    }

    /// <summary>Runs netteamctl with these words; its exit code and both outputs.</summary>
    public (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using StringWriter stdout = new();
        using StringWriter stderr = new();
        int code = Ctl.Run(args, stdout, stderr, Connect, terminal: false);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_serving).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private sealed class Handler : IControlHandler
    {
        private readonly string _state = TeamdFixtures.Read("activebackup", "state_dump.json");

        public ConcurrentQueue<string> Calls { get; } = new();

        public bool Misshapen { get; set; }

        public IReadOnlyDictionary<string, int> Methods { get; } = new Dictionary<string, int>
        {
            [ControlMethodNames.ConfigDump] = 0, [ControlMethodNames.ConfigDumpActual] = 0, [ControlMethodNames.StateDump] = 0,
            [ControlMethodNames.StateItemValueGet] = 1, [ControlMethodNames.StateItemValueSet] = 2,
            [ControlMethodNames.PortAdd] = 1, [ControlMethodNames.PortRemove] = 1,
            [ControlMethodNames.PortConfigUpdate] = 2, [ControlMethodNames.PortConfigDump] = 1,
            [ControlMethodNames.OptionsGet] = 0, [ControlMethodNames.OptionSet] = 4, [ControlMethodNames.PortList] = 0,
            [ControlMethodNames.Statistics] = 0,
        };

        public Task<ControlReply> HandleAsync(string method, string[] args, CancellationToken cancellationToken)
        {
            Calls.Enqueue(method);
            if (Misshapen)
            {
                return Task.FromResult(ControlReply.Success(method switch
                {
                    ControlMethodNames.PortList or ControlMethodNames.OptionsGet => "{\"list\": 1}",
                    ControlMethodNames.Statistics => "{\"data_plane\": 5, \"team\": {\"rx_packets\": \"many\"}, \"ports\": {\"eth0\": []}}",
                    _ => "{\"setup\": 3, \"ports\": [1, 2], \"runner\": \"x\", \"team_device\": {\"ifinfo\": 7}}",
                }));
            }
            return Task.FromResult(method switch
            {
                ControlMethodNames.StateDump => ControlReply.Success(_state),
                ControlMethodNames.ConfigDump or ControlMethodNames.ConfigDumpActual => ControlReply.Success(TeamdFixtures.Read("activebackup", "config_dump.json")),
                ControlMethodNames.StateItemValueGet => ItemGet(args[0]),
                ControlMethodNames.PortConfigDump => ControlReply.Success("{\"prio\": 100, \"sticky\": true}"),
                ControlMethodNames.PortList => ControlReply.Success(TeamnlJson.WriteList([new TeamPortStatus(2, "eth0", true, 10000, true, false, false), new TeamPortStatus(3, "eth1", true, 10000, true, false, false)])),
                ControlMethodNames.OptionsGet => ControlReply.Success(TeamnlJson.WriteList([new TeamOptionStatus("mode", "string", "activebackup", null, null, false, false), .. TopSamples.Enabled(("eth0", true), ("eth1", false))])),
                ControlMethodNames.Statistics => ControlReply.Success(TopSamples.Statistics("userspace", TopSamples.Counters(10, 1000, 0, 5, 500, 0),
                    ("eth0", TopSamples.Counters(10, 1000, 0, 5, 500, 0)), ("eth1", TopSamples.Counters(0, 0, 1, 0, 0, 0))).ToJsonString()),
                _ => ControlReply.Fail(ControlError.OpNotSupp),
            });
        }

        /// <summary>As netteamd answers: a leaf's text (a string as it is, any other value as JSON text), PathDoesNotExist for none.</summary>
        private ControlReply ItemGet(string path)
        {
            JsonNode? node = JsonNode.Parse(_state);
            foreach (string part in StatePath.Split(path) ?? [])
            {
                node = node is JsonObject o ? o[part] : null;
            }
            return node switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => ControlReply.Success(v.GetValue<string>()),
                JsonValue v => ControlReply.Success(v.ToJsonString()),
                _ => ControlReply.Fail(ControlError.PathDoesNotExist),
            };
        }
    }
}
