using System.Text.Json.Nodes;
using NetTeam.Runners.Config;

namespace NetTeam.Runners.LinkWatchers;

/// <summary>
/// One link watcher as teamd registers it (libteam teamd/teamd_link_watch.c teamd_link_watch_list[]): its
/// name, how to make it from its config object, and the table of its keys (their checks, and which keys are
/// unknown to it).
/// </summary>
public sealed record LinkWatchDescriptor(string Name, Func<JsonObject, LinkWatch> Create, ConfigKeyTable Keys)
{
    /// <summary>Every watcher teamd knows (teamd.conf(5)).</summary>
    public static IReadOnlyList<LinkWatchDescriptor> All { get; } =
    [
        new("ethtool", c => new EthtoolLinkWatch(c), EthtoolLinkWatch.Keys),
        new("arp_ping", c => new ArpPingLinkWatch(c), ArpPingLinkWatch.Keys),
        new("nsna_ping", c => new NsnaPingLinkWatch(c), NsnaPingLinkWatch.Keys),
        new("tipc", c => new TipcLinkWatch(c), TipcLinkWatch.Keys),
    ];

    public static LinkWatchDescriptor? Find(string? name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>For a key this watcher does not read: the watchers that do, as a hint ("a key of arp_ping, nsna_ping"), or null.</summary>
    public string? KeyOfOthers(string key)
    {
        string[] others = [.. All.Where(d => d != this && d.Keys.Contains(key)).Select(d => d.Name)];
        return others.Length == 0 ? null : $"the {Name} link watcher does not read it (a key of {string.Join(", ", others)})";
    }
}
