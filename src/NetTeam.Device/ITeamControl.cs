using System.Net;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device;

/// <summary>
/// The narrow API policy uses to drive the team, as teamd drives the kernel's team driver through generic
/// netlink only: options by name, the port list, and the few netdev settings a runner owns (port MACs for
/// hwaddr_policy, user carrier for lacp's min_ports). Refusals come back as <see cref="TeamResult"/> values.
/// Every call is made on the team's control thread.
/// </summary>
public interface ITeamControl
{
    string Name { get; }

    MacAddress Address { get; }

    /// <summary>Whether the team interface is administratively up (IFF_UP).</summary>
    bool IsUp { get; }

    TeamPortInfo? GetPort(string name);

    /// <summary>
    /// A port as <see cref="GetPort"/> gives it but without its counters (<see cref="TeamPortInfo.Statistics"/>
    /// is all zero): no read of the data plane (on eBPF, a map lookup per counter), for the runners' paths
    /// that run per probe or per frame and want the port's address or enabled state only.
    /// </summary>
    TeamPortInfo? GetPortState(string name);

    /// <summary>The team interface's IPv4 and IPv6 addresses.</summary>
    IReadOnlyList<IPAddress> GetAddresses();

    /// <summary>Reads one option instance; throws <see cref="TeamException"/> (ENOENT) for a name that does not exist.</summary>
    OptionValue GetOption(string name, string? portName = null, int? arrayIndex = null);

    /// <summary>Sets one option instance (team_nl_options_set_doit); nothing changes on refusal.</summary>
    TeamResult TrySetOption(string name, OptionValue value, string? portName = null, int? arrayIndex = null);

    /// <summary>Sets the team MAC; ports that carry the team address follow.</summary>
    TeamResult TrySetAddress(MacAddress address);

    /// <summary>Sets a port's MAC (activebackup's hwaddr_policy, lacp).</summary>
    TeamResult TrySetPortAddress(string portName, MacAddress address);

    /// <summary>Puts a port's own saved MAC back while it stays in the team (hwaddr_policy only_active).</summary>
    TeamResult TryRestorePortAddress(string portName);

    /// <summary>Takes team carrier over from the ports' linkup (team_change_carrier; lacp's min_ports).</summary>
    void SetCarrier(bool carrier);

    /// <summary>
    /// Groups several changes into one publication to the data plane: until the outermost scope is disposed,
    /// no snapshot is published, so the data plane never sees an intermediate state (an active-port switch
    /// enables one port, moves activeport and disables the others).
    /// </summary>
    TeamUpdateScope BeginUpdate();
}
