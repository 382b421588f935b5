using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.Options;

/// <summary>
/// One option as the team driver registers it (Linux include/linux/if_team.h struct team_option):
/// a name, a type, whether it exists once per port, and how many array elements it has.
/// Getters and setters run on the control side under the team's lock.
/// </summary>
internal sealed class TeamOptionDefinition
{
    public TeamOptionDefinition(
        string name,
        TeamOptionType type,
        Func<OptionContext, OptionValue> get,
        Func<OptionContext, OptionValue, TeamResult>? set,
        bool perPort = false,
        int arraySize = 0)
    {
        Name = name;
        Type = type;
        Get = get;
        Set = set;
        PerPort = perPort;
        ArraySize = arraySize;
    }

    public string Name { get; }

    public TeamOptionType Type { get; }

    public bool PerPort { get; }

    /// <summary>0 for a scalar option, otherwise the number of array elements (256 for the lb hash arrays).</summary>
    public int ArraySize { get; }

    public bool ReadOnly => Set is null;

    public Func<OptionContext, OptionValue> Get { get; }

    public Func<OptionContext, OptionValue, TeamResult>? Set { get; }
}
