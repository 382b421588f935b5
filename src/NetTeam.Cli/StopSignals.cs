using System.Runtime.InteropServices;

namespace NetTeam.Cli;

/// <summary>
/// SIGTERM and SIGINT (Ctrl-C) end a long-running command (monitor, top) instead of the process, so it
/// closes its connection and restores the terminal before it exits.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _intr;

    public StopSignals(CancellationTokenSource stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        _term = CancelOn(PosixSignal.SIGTERM, stop);
        _intr = CancelOn(PosixSignal.SIGINT, stop);
    }

    public void Dispose()
    {
        _term.Dispose();
        _intr.Dispose();
    }

    private static PosixSignalRegistration CancelOn(PosixSignal signal, CancellationTokenSource stop) =>
        PosixSignalRegistration.Create(signal, ctx =>
        {
            ctx.Cancel = true;
            stop.Cancel();
        });
}
