using System.Text.Json.Nodes;
using NetTeam.Runners.Config;
using NetTeam.Runners.State;

namespace NetTeam.Runners.LinkWatchers;

/// <summary>
/// tipc (libteam teamd/teamd_lw_tipc.c) follows a TIPC bearer through the kernel's TIPC topology server.
/// NetTeam runs where such kernel services are often absent, so the config is accepted (libteam's
/// activebackup_tipc.conf loads) and the verdict follows the port's carrier, with a warning at start.
/// </summary>
public sealed class TipcLinkWatch : LinkWatch
{
    public TipcLinkWatch(JsonObject config)
        : base(config) => Bearer = ConfigReader.String(config, "tipc_bearer") ?? string.Empty;

    public override string Name => "tipc";

    public string Bearer { get; }

    /// <summary>The key teamd_lw_tipc.c reads (teamd-spec §2.5), and <c>name</c>.</summary>
    internal static ConfigKeyTable Keys { get; } = new([ConfigKey.Known("name"), ConfigKey.String("tipc_bearer", "a TIPC bearer name", required: true)]);

    protected override void OnStart()
    {
        Host.Log($"{Port.Name}: the tipc link watch is not supported by NetTeam; bearer \"{Bearer}\" is judged by the port's carrier.");
        Report(Port.Link.Up);
    }

    public override void PortLinkChanged() => Report(Port.Link.Up);

    protected override void AddState(StateScope state) => state.Add("tipc_bearer", StateValue.String(() => Bearer));
}
