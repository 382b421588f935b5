namespace NetTeam.Device.Modes;

/// <summary>The team driver's mode names (team_mode_register), as the <c>mode</c> option takes them.</summary>
public static class TeamModeNames
{
    public const string Broadcast = "broadcast";
    public const string RoundRobin = "roundrobin";
    public const string Random = "random";
    public const string ActiveBackup = "activebackup";
    public const string LoadBalance = "loadbalance";

    /// <summary>The mode of a new team device (Linux team_core.c __team_no_mode).</summary>
    public const string None = "*NOMODE*";
}
