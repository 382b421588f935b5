using NetTeam.Device.Options;
using NetTeam.Interop;

namespace NetTeam.Device;

/// <summary>
/// Throwing forms of the <see cref="ITeamControl"/> calls, for callers to whom a refusal is a bug (a runner
/// enabling a port it was just told about) rather than an outcome to handle.
/// </summary>
public static class TeamControlExtensions
{
    public static void SetOption(this ITeamControl team, string name, OptionValue value, string? portName = null, int? arrayIndex = null)
    {
        ArgumentNullException.ThrowIfNull(team);
        team.TrySetOption(name, value, portName, arrayIndex).ThrowIfFailed();
    }

    public static void SetAddress(this ITeamControl team, MacAddress address)
    {
        ArgumentNullException.ThrowIfNull(team);
        team.TrySetAddress(address).ThrowIfFailed();
    }

    public static void SetPortAddress(this ITeamControl team, string portName, MacAddress address)
    {
        ArgumentNullException.ThrowIfNull(team);
        team.TrySetPortAddress(portName, address).ThrowIfFailed();
    }

    public static void RestorePortAddress(this ITeamControl team, string portName)
    {
        ArgumentNullException.ThrowIfNull(team);
        team.TryRestorePortAddress(portName).ThrowIfFailed();
    }
}
