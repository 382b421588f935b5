using Microsoft.Extensions.Logging;

namespace NetTeam.Device;

/// <summary>The team device's log messages (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{Team}: port {Port} added")]
    public static partial void PortAdded(ILogger logger, string team, string port);

    [LoggerMessage(2, LogLevel.Information, "{Team}: port {Port} removed, settings restored")]
    public static partial void PortRemoved(ILogger logger, string team, string port);

    [LoggerMessage(3, LogLevel.Warning, "{Team}: refused to add port {Port}: {Reason}")]
    public static partial void PortRefused(ILogger logger, string team, string port, string reason);

    [LoggerMessage(4, LogLevel.Warning, "{Team}: restoring {Setting} on {Port} failed: {Error}")]
    public static partial void RestoreFailed(ILogger logger, string team, string port, string setting, string error);

    [LoggerMessage(5, LogLevel.Information, "{Team}: mode changed to {Mode}")]
    public static partial void ModeChanged(ILogger logger, string team, string mode);

    [LoggerMessage(6, LogLevel.Information, "{Team}: port {Port} link {State}")]
    public static partial void PortLinkChanged(ILogger logger, string team, string port, string state);

    [LoggerMessage(7, LogLevel.Warning, "{Team}: port {Port} MTU changed to {Mtu} outside the team; set back to {TeamMtu}")]
    public static partial void PortMtuReapplied(ILogger logger, string team, string port, int mtu, int teamMtu);

    [LoggerMessage(8, LogLevel.Warning, "{Team}: {What} change to {Value} refused by port {Port} ({Error}); rolled back")]
    public static partial void TeamChangeRolledBack(ILogger logger, string team, string what, string value, string port, string error);

    [LoggerMessage(9, LogLevel.Warning, "{Team}: port {Port} disappeared")]
    public static partial void PortVanished(ILogger logger, string team, string port);

    [LoggerMessage(10, LogLevel.Information, "{Team}: carrier {State}")]
    public static partial void CarrierChanged(ILogger logger, string team, string state);

    [LoggerMessage(11, LogLevel.Error, "{Team}: {What} failed: {Error}")]
    public static partial void OperationFailed(ILogger logger, string team, string what, string error);

    [LoggerMessage(12, LogLevel.Critical, "{Team}: the data plane failed")]
    public static partial void DataPlaneFailed(ILogger logger, string team, Exception exception);

    [LoggerMessage(13, LogLevel.Warning, "{Team}: link events were lost (ENOBUFS); reading the team's links again")]
    public static partial void LinkEventsLost(ILogger logger, string team);
}
