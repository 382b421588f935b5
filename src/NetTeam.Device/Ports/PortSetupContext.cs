using NetTeam.Device.Backends;
using NetTeam.Interop;

namespace NetTeam.Device.Ports;

/// <summary>What a port setup step works with: the system, the port, and what the team wants of it.</summary>
/// <param name="TeamAddress">The MAC the port takes, or null when the mode leaves port MACs alone.</param>
internal readonly record struct PortSetupContext(ILinkBackend Links, TeamPort Port, int TeamMtu, MacAddress? TeamAddress);
