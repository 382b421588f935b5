using NetTeam.Control.Protocol;

namespace NetTeam.Daemon;

/// <summary>
/// The control methods netteamd serves, in one table (libteam teamd/teamd_ctl.c <c>teamd_ctl_method_list[]</c>):
/// teamd's nine, then NetTeam's own for teamnl's commands and the counters. The control server checks names and argument
/// counts against <see cref="ArgCounts"/>; the daemon dispatches through <see cref="Find"/>.
/// </summary>
internal static class ControlMethods
{
    public static IReadOnlyList<ControlMethod> All { get; } =
    [
        new(ControlMethodNames.ConfigDump, 0, static (c, _) => c.ConfigDump()),
        new(ControlMethodNames.ConfigDumpActual, 0, static (c, _) => c.ConfigDumpActual()),
        new(ControlMethodNames.StateDump, 0, static (c, _) => c.StateDump()),
        new(ControlMethodNames.StateItemValueGet, 1, static (c, a) => c.StateItemGet(a[0])),
        new(ControlMethodNames.StateItemValueSet, 2, static (c, a) => c.StateItemSet(a[0], a[1])),
        new(ControlMethodNames.PortAdd, 1, static (c, a) => c.PortAdd(a[0])),
        new(ControlMethodNames.PortRemove, 1, static (c, a) => c.PortRemove(a[0])),
        new(ControlMethodNames.PortConfigUpdate, 2, static (c, a) => c.PortConfigUpdate(a[0], a[1])),
        new(ControlMethodNames.PortConfigDump, 1, static (c, a) => c.PortConfigDump(a[0])),
        new(ControlMethodNames.OptionsGet, 0, static (c, _) => c.OptionsGet()),
        new(ControlMethodNames.OptionSet, 4, static (c, a) => c.OptionSet(a[0], a[1], a[2], a[3])),
        new(ControlMethodNames.PortList, 0, static (c, _) => c.PortList()),
        new(ControlMethodNames.Statistics, 0, static (c, _) => c.Statistics()),
        new(ControlMethodNames.Metrics, 0, static (c, _) => c.Metrics()),
        new(ControlMethodNames.Handover, 0, static (c, _) => c.Handover()),
        new(ControlMethodNames.Monitor, 0, null, static (c, token) => c.Monitor(token)),
    ];

    /// <summary>Every method's name and argument count (IControlHandler.Methods).</summary>
    public static IReadOnlyDictionary<string, int> ArgCounts { get; } = All.ToDictionary(m => m.Name, m => m.ArgCount, StringComparer.Ordinal);

    private static readonly Dictionary<string, ControlMethod> s_byName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public static ControlMethod? Find(string name) => s_byName.GetValueOrDefault(name);
}
