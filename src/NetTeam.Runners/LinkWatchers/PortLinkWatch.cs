using System.Text.Json.Nodes;

namespace NetTeam.Runners.LinkWatchers;

/// <summary>
/// One link watcher instance on a port, as teamd's state dump lists it (link_watch_0, ...). Until the
/// arp_ping and nsna_ping watchers arrive, every instance judges by carrier, as teamd's ethtool watcher.
/// </summary>
public sealed class PortLinkWatch
{
    public PortLinkWatch(string name, JsonObject config)
    {
        Name = name;
        Config = config;
    }

    public string Name { get; }

    public JsonObject Config { get; }

    public bool Up { get; private set; }

    public int DownCount { get; private set; }

    public int DelayUp => Config["delay_up"]?.GetValue<int>() ?? 0;

    public int DelayDown => Config["delay_down"]?.GetValue<int>() ?? 0;

    /// <summary>Applies a carrier change; true when the verdict changed.</summary>
    public bool Update(bool carrier)
    {
        if (carrier == Up)
        {
            return false;
        }
        if (Up && !carrier)
        {
            DownCount++;
        }
        Up = carrier;
        return true;
    }

    public JsonObject Dump() => new()
    {
        ["delay_down"] = DelayDown,
        ["delay_up"] = DelayUp,
        ["down_count"] = DownCount,
        ["name"] = Name,
        ["up"] = Up,
    };
}
