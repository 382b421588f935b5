using System.Globalization;
using Microsoft.Extensions.Logging;

namespace NetTeam.Daemon.Logging;

/// <summary>
/// netteamd's log to stdout or stderr: one line per message, written at once, in the simple console
/// logger's single-line shape ("info: Category[EventId] text", with -g an "HH:mm:ss.fff " in front).
/// Not Microsoft.Extensions.Logging.Console: its provider comes only through the dependency-injection
/// container, whose open generics the Native AOT build constructs at run time, 18 of the daemon's 66 ms
/// from exec to control-ready (measured with perf, issue 12), and it keeps a thread of its own to write.
/// teamd writes its log lines from its one thread too (libdaemon's daemon_log).
/// </summary>
internal sealed class LineLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _writer;
    private readonly string? _timestampFormat;
    private readonly Lock _sync = new();

    public LineLoggerProvider(TextWriter writer, string? timestampFormat)
    {
        _writer = writer;
        _timestampFormat = timestampFormat;
    }

    /// <summary>The simple console logger's level names (Microsoft.Extensions.Logging.Console).</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };

    /// <summary>One line: newlines in the text and the exception become spaces, so a message is a line.</summary>
    public static string Format(LogLevel level, string category, EventId eventId, string text, Exception? exception, string? timestamp)
    {
        string line = string.Create(CultureInfo.InvariantCulture, $"{timestamp}{LevelName(level)}: {category}[{eventId.Id}] {text}");
        if (exception is not null)
        {
            line += " " + exception;
        }
        return line.ReplaceLineEndings(" ");
    }

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    private void Write(string line)
    {
        lock (_sync)
        {
            try
            {
                _writer.WriteLine(line);
                _writer.Flush();
            }
            catch (IOException)
            {
                // A closed or broken log pipe loses the line; the daemon goes on.
            }
        }
    }

    public void Dispose()
    {
    }

    private sealed class LineLogger(LineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            string? timestamp = provider._timestampFormat is string f ? DateTime.Now.ToString(f, CultureInfo.InvariantCulture) : null;
            provider.Write(Format(logLevel, category, eventId, formatter(state, exception), exception, timestamp));
        }
    }
}
