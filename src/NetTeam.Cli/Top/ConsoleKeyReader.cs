using System.Collections.Concurrent;

namespace NetTeam.Cli.Top;

/// <summary>
/// The terminal's keys, read by a background thread that blocks in Console.ReadKey (no echo) and hands them to
/// the live view's loop, which waits for a key or its next sample, whichever comes first: no polling. With
/// stdin not a terminal there are no keys; SIGINT and SIGTERM still end the view.
/// </summary>
internal sealed class ConsoleKeyReader : IDisposable
{
    private readonly BlockingCollection<ConsoleKeyInfo> _keys = [];

    private ConsoleKeyReader()
    {
    }

    public static ConsoleKeyReader Start()
    {
        ConsoleKeyReader reader = new();
        if (!Console.IsInputRedirected)
        {
            // A background thread: when top ends, it is left blocked in read(2) and ends with the process.
            new Thread(reader.ReadLoop) { IsBackground = true, Name = "netteamctl-keys" }.Start();
        }
        return reader;
    }

    /// <summary>The next key, waiting up to <paramref name="timeout"/>; null on timeout or when <paramref name="stop"/> is cancelled.</summary>
    public ConsoleKeyInfo? Read(TimeSpan timeout, CancellationToken stop)
    {
        try
        {
            int ms = (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, int.MaxValue);
            return _keys.TryTake(out ConsoleKeyInfo key, ms, stop) ? key : null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose() => _keys.CompleteAdding();

    private void ReadLoop()
    {
        try
        {
            while (!_keys.IsAddingCompleted)
            {
                ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                _keys.TryAdd(key);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            // stdin closed or not a terminal after all: no more keys.
        }
    }
}
