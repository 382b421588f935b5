namespace NetTeam.Daemon.Logging;

/// <summary>Where netteamd logs (teamd -l, or the TEAM_LOG_OUTPUT environment variable): stdout, stderr or syslog.</summary>
internal enum LogOutput
{
    Stderr,
    Stdout,
    Syslog,
}
