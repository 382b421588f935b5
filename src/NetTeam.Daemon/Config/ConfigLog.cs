using Microsoft.Extensions.Logging;

namespace NetTeam.Daemon.Config;

/// <summary>The config's log messages: a problem that lets the config load (an unknown key, an ignored hash fragment).</summary>
internal static partial class ConfigLog
{
    [LoggerMessage(40, LogLevel.Warning, "{Problem}")]
    public static partial void Warning(ILogger logger, string problem);
}
