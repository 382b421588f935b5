using System.Text;
using NetTeam.Control.Client;
using Spectre.Console;

namespace NetTeam.Cli.Top;

/// <summary>
/// `netteamctl TEAM top`: a live view of the team, redrawn once a second, on the alternate screen of a terminal
/// (q quits, p/l/w or Tab switch panes). With --once, --json or stdout not a terminal it prints one frame (two
/// samples a second apart, for the rates) and exits. It reads only: state dump, statistics and options.
/// </summary>
internal static class TopCommand
{
    /// <summary>The width of a frame printed to a pipe or a file, unless COLUMNS says otherwise: the ports table's full width.</summary>
    private const int PlainWidth = 160;

    public static int Run(CtlContext c, string[] operands)
    {
        ArgumentNullException.ThrowIfNull(c);
        using CancellationTokenSource stop = new();
        using StopSignals signals = new(stop);
        TimeProvider clock = TimeProvider.System;
        TopSample Sample() => TopSample.Take(c.Client, clock);
        if (c.Options.Once || c.Options.Json || !c.Terminal)
        {
            return Once(c, Sample, stop.Token);
        }
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(c.Stdout) });
        using ConsoleKeyReader keys = ConsoleKeyReader.Start();
        TopLoop loop = new(c.Team, console, Sample, keys.Read, clock);
        string? error = null;
        console.AlternateScreen(() => error = loop.Run(stop.Token));
        if (error is not null)
        {
            c.Stderr.WriteLine(error);
            return 1;
        }
        return 0;
    }

    /// <summary>One frame: every pane as text, or with --json the frame as one line of JSON.</summary>
    private static int Once(CtlContext c, Func<TopSample> sample, CancellationToken stop)
    {
        TopSample first = sample();
        if (stop.WaitHandle.WaitOne(TopLoop.Interval))
        {
            return 0;
        }
        TopSample second = sample();
        ActivePortWatch watch = new(first.Time);
        watch.Observe(first);
        watch.Observe(second);
        TopFrame frame = TopFrame.Build(c.Team, first, second, watch);
        if (c.Options.Json)
        {
            c.Stdout.WriteLine(TopJson.Write(frame).ToJsonString());
            return 0;
        }
        IAnsiConsole console = c.Terminal ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(c.Stdout) }) : Plain(c.Stdout);
        console.Write(TopView.RenderAll(frame));
        return 0;
    }

    /// <summary>A console for a pipe or a file: no escape sequences, ASCII lines, a fixed width (or COLUMNS).</summary>
    internal static IAnsiConsole Plain(TextWriter writer)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns > 0 ? columns : PlainWidth;
        console.Profile.Capabilities.Unicode = false;
        return console;
    }
}
