namespace NetTeam.Control.Protocol;

/// <summary>
/// The control methods a client may call: teamd's (libteam teamd/teamd_ctl.c, teamd-spec §3) and NetTeam's
/// own for teamnl's commands. The daemon's method table (netteamd's ControlMethods) binds each name to its
/// argument count and handler; the client needs only the names.
/// </summary>
public static class ControlMethodNames
{
    public const string ConfigDump = "ConfigDump";
    public const string ConfigDumpActual = "ConfigDumpActual";
    public const string StateDump = "StateDump";
    public const string StateItemValueGet = "StateItemValueGet";
    public const string StateItemValueSet = "StateItemValueSet";
    public const string PortAdd = "PortAdd";
    public const string PortRemove = "PortRemove";
    public const string PortConfigUpdate = "PortConfigUpdate";
    public const string PortConfigDump = "PortConfigDump";

    /// <summary>NetTeam: every option instance, as teamnl options lists them.</summary>
    public const string OptionsGet = "OptionsGet";

    /// <summary>NetTeam: sets one option instance (name, value, port or "-", array index or "-"), as teamnl setoption.</summary>
    public const string OptionSet = "OptionSet";

    /// <summary>NetTeam: the team's ports, as teamnl ports lists them.</summary>
    public const string PortList = "PortList";

    /// <summary>
    /// NetTeam: the data plane's counters of the team and of each port, as JSON. On the eBPF plane they are the
    /// only ones: the team interface's own counters (ip -s link) stay at zero there.
    /// </summary>
    public const string Statistics = "Statistics";

    /// <summary>
    /// NetTeam: a newer daemon takes the team over (netteamd -o on a live team). The daemon replies, then ends
    /// without tearing anything down; the newer one takes the team, its ports and its data plane over.
    /// </summary>
    public const string Handover = "Handover";

    /// <summary>
    /// NetTeam: the daemon's metrics in Prometheus' text exposition format 0.0.4 (netteamctl TEAM metrics, for
    /// node_exporter's textfile collector; the same text netteamd serves over HTTP when asked to).
    /// </summary>
    public const string Metrics = "Metrics";

    /// <summary>NetTeam: a stream of the team's change events, as teamnl monitor shows them.</summary>
    public const string Monitor = "Monitor";
}
