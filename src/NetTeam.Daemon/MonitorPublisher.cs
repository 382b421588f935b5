using NetTeam.Control.Client;
using NetTeam.Control.Protocol;
using NetTeam.Device;
using NetTeam.Device.Events;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Daemon;

/// <summary>
/// NetTeam's Monitor method (teamnl monitor): one event per device change, in libteam's three lists, the
/// ports when a port changed, the options when an option changed, the interfaces (team and ports: name,
/// address, master) when one of those changed. Every item of a list is there, flagged changed or not, so a
/// monitor can show either only the changes or everything. <see cref="Publish"/> runs on the event loop;
/// <see cref="Subscribe"/> on the control server's threads.
/// </summary>
internal sealed class MonitorPublisher
{
    private readonly MonitorFeed _feed = new();
    private Dictionary<int, (string Name, MacAddress Address, int Master)> _ifinfos = [];

    public IAsyncEnumerable<string> Subscribe(CancellationToken cancellationToken) => _feed.Subscribe(cancellationToken);

    public void Publish(TeamDevice team, TeamChangeEventArgs e)
    {
        // The interface list is followed even with no monitor, so the first one sees only what changes after it came.
        bool ifinfoChanged = RefreshIfinfos(team, out HashSet<int> changedIfinfos);
        if (!_feed.HasSubscribers)
        {
            return;
        }
        List<TeamPortStatus>? ports = e.Ports.Count > 0 ? Ports(team, e) : null;
        List<TeamOptionStatus>? options = e.Options.Count > 0 ? Options(team, e) : null;
        List<TeamIfinfo>? ifinfos = ifinfoChanged
            ? [.. _ifinfos.Select(kv => new TeamIfinfo(kv.Key, kv.Value.Name, kv.Value.Address.ToString(), kv.Value.Master, changedIfinfos.Contains(kv.Key)))]
            : null;
        if (TeamnlJson.WriteEvent(ports, options, ifinfos) is string json)
        {
            _feed.Publish(json);
        }
    }

    private static List<TeamPortStatus> Ports(TeamDevice team, TeamChangeEventArgs e)
    {
        HashSet<int> changed = [.. e.Ports.Where(c => !c.Removed).Select(c => c.Port.IfIndex)];
        List<TeamPortStatus> ports = [.. team.Ports.Select(p => TeamnlStatus.Of(p, changed.Contains(p.IfIndex), removed: false))];
        foreach (TeamPortChange gone in e.Ports.Where(c => c.Removed))
        {
            ports.Add(TeamnlStatus.Of(gone.Port, changed: false, removed: true));
        }
        return ports;
    }

    private static List<TeamOptionStatus> Options(TeamDevice team, TeamChangeEventArgs e)
    {
        HashSet<(string, string?, int?)> changed = [.. e.Options.Where(o => !o.Removed).Select(o => (o.Name, o.PortName, o.ArrayIndex))];
        List<TeamOptionStatus> options = [.. team.ListOptions().Select(o => TeamnlStatus.Of(o, changed.Contains((o.Name, o.PortName, o.ArrayIndex)), removed: false))];
        foreach (TeamOption gone in e.Options.Where(o => o.Removed))
        {
            options.Add(TeamnlStatus.Of(gone, changed: false, removed: true));
        }
        return options;
    }

    /// <summary>The team's and its ports' interface info (libteam's ifinfo list): what changed since the last look.</summary>
    private bool RefreshIfinfos(TeamDevice team, out HashSet<int> changed)
    {
        changed = [];
        Dictionary<int, (string Name, MacAddress Address, int Master)> now = new() { [team.IfIndex] = (team.Name, team.Address, 0) };
        foreach (TeamPortInfo p in team.Ports)
        {
            now[p.IfIndex] = (p.Name, p.Address, team.IfIndex);
        }
        bool any = now.Count != _ifinfos.Count;
        foreach ((int index, (string, MacAddress, int) info) in now)
        {
            if (!_ifinfos.TryGetValue(index, out var old) || old != info)
            {
                changed.Add(index);
                any = true;
            }
        }
        _ifinfos = now;
        return any;
    }
}
