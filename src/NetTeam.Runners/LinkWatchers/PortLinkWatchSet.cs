using System.Globalization;
using System.Text.Json.Nodes;
using NetTeam.Device;
using NetTeam.Device.Options;
using NetTeam.Runners.State;

namespace NetTeam.Runners.LinkWatchers;

/// <summary>
/// A port's link watchers and their combined verdict (libteam teamd/teamd_link_watch.c): any watcher up
/// (policy <c>any</c>, teamd's default) or every watcher up (<c>all</c>). The verdict is the port's
/// <see cref="RunnerPort.LinkWatchUp"/> for the runner, and reaches the device as the port's
/// <c>user_linkup</c>, with <c>user_linkup_enabled</c> set when a probe watcher is among them, as teamd does.
/// </summary>
public sealed class PortLinkWatchSet : IDisposable
{
    private readonly IRunnerHost _host;
    private readonly RunnerPort _port;
    private readonly bool _all;
    private readonly Action _verdictChanged;
    private bool _started;
    private bool _linkChanging;

    public PortLinkWatchSet(IRunnerHost host, RunnerPort port, IReadOnlyList<LinkWatch> watches, bool policyAll, Action verdictChanged)
    {
        ArgumentNullException.ThrowIfNull(watches);
        ArgumentOutOfRangeException.ThrowIfZero(watches.Count);
        _host = host;
        _port = port;
        Watches = watches;
        _all = policyAll;
        _verdictChanged = verdictChanged;
    }

    public IReadOnlyList<LinkWatch> Watches { get; }

    public bool Up => _all ? Watches.All(w => w.Up) : Watches.Any(w => w.Up);

    /// <summary>
    /// The watchers of a port: its own (<c>ports.X.link_watch</c>) first, then the global ones, each an
    /// object or an array (teamd's link_watch_event_watch_port_added order); ethtool when there are none.
    /// </summary>
    public static List<LinkWatch> FromConfig(JsonNode? global, JsonNode? perPort)
    {
        List<LinkWatch> list = [];
        foreach (JsonNode? node in new[] { perPort, global })
        {
            // Not a collection expression: typed as JsonArray it would re-parent the node.
            IEnumerable<JsonNode?> items = node is JsonArray a ? a : node is null ? Array.Empty<JsonNode?>() : new JsonNode?[] { node };
            foreach (JsonNode? item in items)
            {
                if (item is JsonObject o)
                {
                    list.Add(LinkWatch.Create(o));
                }
            }
        }
        if (list.Count == 0)
        {
            list.Add(new EthtoolLinkWatch(new JsonObject { ["name"] = "ethtool" }));
        }
        return list;
    }

    /// <summary>Starts every watcher and publishes the first verdict (no notification: the port is being added).</summary>
    public void Start()
    {
        bool overrides = Watches.Any(w => w.OverridesCarrier);
        foreach (LinkWatch w in Watches)
        {
            w.Start(_host, _port, OnWatchChanged);
        }
        _started = true;
        RegisterState();
        _port.LinkWatchUp = Up;
        ApplyUserLinkup();
        if (overrides)
        {
            // teamd_lw_psr: the team stops trusting carrier for this port.
            _host.Team.SetOption(TeamOptionNames.UserLinkupEnabled, OptionValue.FromBool(true), _port.Name);
        }
    }

    /// <summary>
    /// The port's link (carrier, speed, duplex) changed: the watchers that follow it look again. A verdict they
    /// reach now keeps the link event's time in <see cref="RunnerPort.EventTimestamp"/>, which the caller set.
    /// </summary>
    public void PortLinkChanged()
    {
        _linkChanging = true;
        try
        {
            foreach (LinkWatch w in Watches)
            {
                w.PortLinkChanged();
            }
        }
        finally
        {
            _linkChanging = false;
        }
    }

    /// <summary>
    /// teamd's forced_send (link_watch_refresh_forced_send): probes go out on enabled ports, and on every port
    /// while no port is usable, so a team whose ports are all down keeps asking until one answers (the fix
    /// for libteam issue #8, a team that stayed down when its neighbour came late).
    /// <para>
    /// teamd counts a port as usable when it is enabled; NetTeam also requires its link watch to be up.
    /// Otherwise an activebackup team whose backups only hear the active port's probes (flooded back by
    /// the switch) is stuck when the active port fails silently: the backups go deaf with it, the dead
    /// active port stays enabled, and a disabled port never probes.
    /// </para>
    /// </summary>
    public static void RefreshForcedSend(IRunnerHost host, IEnumerable<PortLinkWatchSet> sets)
    {
        ArgumentNullException.ThrowIfNull(host);
        List<(PortLinkWatchSet Set, bool Enabled)> ports = [.. sets.Select(s => (s, host.Team.GetPortState(s._port.Name)?.Enabled == true))];
        bool anyUsable = ports.Exists(p => p.Enabled && p.Set.Up);
        foreach ((PortLinkWatchSet set, bool enabled) in ports)
        {
            set.SetForcedSend(!anyUsable || enabled);
        }
    }

    public void SetForcedSend(bool forced)
    {
        foreach (LinkWatch w in Watches)
        {
            w.ForcedSend = forced;
        }
    }

    private void OnWatchChanged()
    {
        if (!_started)
        {
            return;
        }
        bool up = Up;
        if (up == _port.LinkWatchUp)
        {
            return;
        }
        _port.LinkWatchUp = up;
        if (!_linkChanging)
        {
            // A verdict of the watcher's own (a probe timeout, a delay ending): the event is now.
            _port.EventTimestamp = _host.Time.GetTimestamp();
        }
        ApplyUserLinkup();
        _verdictChanged();
    }

    /// <summary>teamd_link_watch_refresh_user_linkup: the combined verdict into the port's user_linkup.</summary>
    private void ApplyUserLinkup()
    {
        if (_host.Team.GetOption(TeamOptionNames.UserLinkup, _port.Name).AsBool != _port.LinkWatchUp)
        {
            _host.Team.SetOption(TeamOptionNames.UserLinkup, OptionValue.FromBool(_port.LinkWatchUp), _port.Name);
        }
    }

    /// <summary>The port's link_watches object in the state dump: each watcher's entry, and the verdict.</summary>
    private void RegisterState()
    {
        StateScope scope = new(_host.State, this, "ports", _port.Name, "link_watches");
        for (int i = 0; i < Watches.Count; i++)
        {
            Watches[i].RegisterState(scope.Child("list").Child(string.Create(CultureInfo.InvariantCulture, $"link_watch_{i}")));
        }
        scope.Add("up", StateValue.Bool(() => Up));
    }

    public void Dispose()
    {
        if (_started)
        {
            _host.State.Unregister(this);
        }
        _started = false;
        foreach (LinkWatch w in Watches)
        {
            w.Dispose();
        }
    }
}
