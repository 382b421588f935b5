using System.Text.Json.Nodes;

namespace NetTeam.Runners.LinkWatchers;

/// <summary>
/// One link watcher as teamd registers it (libteam teamd/teamd_link_watch.c teamd_link_watch_list[]): its
/// name, how to make it from its config object, and the check of its keys (naming the key at a path).
/// </summary>
public sealed record LinkWatchDescriptor(string Name, Func<JsonObject, LinkWatch> Create, Func<JsonObject, string, string?> Validate)
{
    /// <summary>Every watcher teamd knows (teamd.conf(5)).</summary>
    public static IReadOnlyList<LinkWatchDescriptor> All { get; } =
    [
        new("ethtool", c => new EthtoolLinkWatch(c), EthtoolLinkWatch.ValidateKeys),
        new("arp_ping", c => new ArpPingLinkWatch(c), ArpPingLinkWatch.ValidateKeys),
        new("nsna_ping", c => new NsnaPingLinkWatch(c), NsnaPingLinkWatch.ValidateKeys),
        new("tipc", c => new TipcLinkWatch(c), TipcLinkWatch.ValidateKeys),
    ];

    public static LinkWatchDescriptor? Find(string? name) => All.FirstOrDefault(d => d.Name == name);
}
