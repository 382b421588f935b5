using System.Text.Json.Nodes;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Runners;

/// <summary>
/// A port as the runners see it: its teamd port config (prio, sticky, ...), its link as the device reports
/// it, and the link watchers' verdict.
/// </summary>
public sealed class RunnerPort
{
    public RunnerPort(string name, JsonObject config)
    {
        Name = name;
        Config = config;
    }

    public string Name { get; }

    /// <summary>The port's object from the config's <c>ports</c> (replaced wholesale by PortConfigUpdate, as teamd).</summary>
    public JsonObject Config { get; set; }

    public int IfIndex { get; set; }

    public PortLink Link { get; set; }

    /// <summary>The port's own hardware address (LACPDUs are sent from it, teamd-spec §4.1).</summary>
    public MacAddress PermanentAddress { get; set; }

    /// <summary>The link watchers' combined verdict (teamd's link_watches.up).</summary>
    public bool LinkWatchUp { get; set; }

    /// <summary>
    /// When the event behind the port's last link or verdict change happened, as the host's TimeProvider counts
    /// (GetTimestamp; 0 for none yet): the rtnetlink event or carrier sample for a link change (the device's
    /// time of arrival), the watcher's own verdict (a probe timeout, an ethtool delay running out) otherwise.
    /// A failover's duration counts from it (<see cref="FailoverStatistics"/>).
    /// </summary>
    public long EventTimestamp { get; set; }

    /// <summary>teamd's per-port <c>prio</c>, default 0, higher is better.</summary>
    public int Prio => Config["prio"]?.GetValue<int>() ?? 0;

    /// <summary>teamd's per-port <c>sticky</c>, default false.</summary>
    public bool Sticky => Config["sticky"]?.GetValue<bool>() ?? false;
}
