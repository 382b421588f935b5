using System.Runtime.InteropServices;

namespace NetTeam.Interop;

/// <summary>
/// SIGTERM and SIGINT as a request to stop: while this is alive, either signal cancels <see cref="Token"/>
/// instead of ending the process, so a daemon can remove its team and restore its ports first (teamd
/// handles both the same way). Register it before saying "ready": a signal that comes earlier is fatal.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _interrupt;

    private ShutdownSignal()
    {
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    /// <summary>Cancelled at the first SIGTERM or SIGINT.</summary>
    public CancellationToken Token => _stop.Token;

    public static ShutdownSignal Register() => new();

    /// <summary>Blocks until a SIGTERM or SIGINT has come.</summary>
    public void Wait() => _stop.Token.WaitHandle.WaitOne();

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A signal that raced with Dispose: the process is stopping anyway.
        }
    }

    public void Dispose()
    {
        _term.Dispose();
        _interrupt.Dispose();
        _stop.Dispose();
    }
}
