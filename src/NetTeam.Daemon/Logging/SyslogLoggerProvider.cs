using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace NetTeam.Daemon.Logging;

/// <summary>
/// netteamd's log to syslog (teamd -l syslog, libdaemon's daemon_log): one datagram per message to the
/// local syslog socket, "&lt;PRI&gt;netteamd[PID]: text" with facility daemon (RFC 3164 §4.1; syslog(3)).
/// A socket that cannot be reached loses the message rather than blocking the daemon.
/// </summary>
internal sealed class SyslogLoggerProvider : ILoggerProvider
{
    /// <summary>The local syslog socket (syslog(3)).</summary>
    public const string DefaultSocket = "/dev/log";

    private const int FacilityDaemon = 3;
    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endPoint;
    private readonly object _sync = new();

    public SyslogLoggerProvider(string socketPath)
    {
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
        _endPoint = new UnixDomainSocketEndPoint(socketPath);
    }

    /// <summary>PRI = facility * 8 + severity; severities of syslog(3): err 3, warning 4, info 6, debug 7.</summary>
    public static int Priority(LogLevel level) => (FacilityDaemon * 8) + level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    public static string Format(LogLevel level, int pid, string message) =>
        $"<{Priority(level)}>netteamd[{pid}]: {message.Replace('\n', ' ')}";

    public ILogger CreateLogger(string categoryName) => new SyslogLogger(this);

    private void Write(LogLevel level, string message)
    {
        byte[] datagram = Encoding.UTF8.GetBytes(Format(level, Environment.ProcessId, message));
        lock (_sync)
        {
            try
            {
                _socket.SendTo(datagram, _endPoint);
            }
            catch (SocketException)
            {
                // No syslog daemon, or it is not keeping up: the message is lost, the daemon goes on.
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private sealed class SyslogLogger(SyslogLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                string text = formatter(state, exception);
                provider.Write(logLevel, exception is null ? text : $"{text}: {exception.Message}");
            }
        }
    }
}
