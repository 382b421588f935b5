using NetTeam.Device.Ports;

namespace NetTeam.Device.Options;

/// <summary>The instance an option getter or setter works on.</summary>
internal readonly record struct OptionContext(TeamPort? Port, int ArrayIndex);
