using NetTeam.Control.Client;
using Spectre.Console;

namespace NetTeam.Cli.Top;

/// <summary>
/// The live view: a sample once a second, a redraw after each, and a redraw at once when a key changes the
/// pane. It ends on q, on <c>stop</c> (SIGINT, SIGTERM) or when the daemon goes, which it reports.
/// </summary>
internal sealed class TopLoop(string team, IAnsiConsole console, Func<TopSample> sample, Func<TimeSpan, CancellationToken, ConsoleKeyInfo?> readKey, TimeProvider clock)
{
    /// <summary>How often top samples: often enough to see traffic move to the new port within a second of a failover, and three reads a second cost the daemon next to nothing.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public TopPane Pane { get; private set; } = TopPane.Ports;

    /// <summary>Runs until the view ends; returns why, when it was not asked to (the daemon went away), else null.</summary>
    public string? Run(CancellationToken stop)
    {
        string? error = null;
        console.Live(Text.Empty).AutoClear(false).Overflow(VerticalOverflow.Crop).Cropping(VerticalOverflowCropping.Bottom).Start(ctx =>
        {
            try
            {
                TopSample current = sample();
                TopSample? previous = null;
                ActivePortWatch watch = new(current.Time);
                watch.Observe(current);
                while (!stop.IsCancellationRequested)
                {
                    TopFrame frame = TopFrame.Build(team, previous, current, watch);
                    ctx.UpdateTarget(TopView.Render(frame, Pane));
                    if (!WaitForNextSample(ctx, frame, current.At + Interval, stop))
                    {
                        return;
                    }
                    previous = current;
                    current = sample();
                    watch.Observe(current);
                }
            }
            catch (ControlException ex)
            {
                error = $"The daemon of {team} went away: {ex.Message}";
            }
        });
        return error;
    }

    /// <summary>Handles keys until <paramref name="due"/>; false when the view is to end.</summary>
    private bool WaitForNextSample(LiveDisplayContext ctx, TopFrame frame, TimeSpan due, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TimeSpan left = due - clock.GetElapsedTime(0);
            if (left <= TimeSpan.Zero)
            {
                return true;
            }
            if (readKey(left, stop) is not ConsoleKeyInfo key)
            {
                continue;
            }
            if (TopKeys.Quits(key))
            {
                return false;
            }
            TopPane next = TopKeys.PaneAfter(key, Pane);
            if (next != Pane)
            {
                Pane = next;
                ctx.UpdateTarget(TopView.Render(frame, Pane));
            }
        }
        return false;
    }
}
