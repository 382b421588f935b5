using NetTeam.Cli.Top;
using NetTeam.Control.Client;
using Spectre.Console.Testing;

namespace NetTeam.Cli.Tests;

/// <summary>top's live loop on a test console: a sample a second, keys that switch panes and quit, the daemon going away.</summary>
public class TopLoopTests
{
    private readonly ManualClock _clock = new();
    private readonly TestConsole _console = new();
    private readonly List<TopSample> _taken = [];

    public TopLoopTests()
    {
        _console.Profile.Width = 160;
    }

    [Fact]
    public void KeysSwitchPanesAndQEndsTheView()
    {
        _console.Input.PushCharacter('w');
        _console.Input.PushKey(ConsoleKey.Tab);
        _console.Input.PushCharacter('l');
        _console.Input.PushCharacter('q');
        TopLoop loop = new("team0", _console, Sample, ReadKey, _clock);

        Assert.Null(loop.Run(CancellationToken.None));

        // w drew the link watches, Tab wrapped round to the ports, l chose LACP; q ended the view before a second sample.
        Assert.Equal(TopPane.Lacp, loop.Pane);
        Assert.Single(_taken);
        Assert.Contains("[w link watches]", _console.Output, StringComparison.Ordinal);
        Assert.Contains("link_watch_0", _console.Output, StringComparison.Ordinal);
        Assert.Contains("[l LACP]", _console.Output, StringComparison.Ordinal);
        Assert.Contains("does not run LACP", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void WithNoKeyItSamplesOnceASecondAndShowsRates()
    {
        using CancellationTokenSource stop = new();
        TopLoop loop = new("team0", _console, () => _taken.Count == 2 ? Stop(stop) : Sample(), ReadKey, _clock);

        Assert.Null(loop.Run(stop.Token));

        Assert.Equal(3, _taken.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), _taken[1].At - _taken[0].At);
        Assert.Contains("rates over 1.0 s", _console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDaemonGoingAwayEndsTheViewWithAMessage()
    {
        TopLoop loop = new("team0", _console, () => _taken.Count == 0 ? Sample() : throw new ControlException("The daemon closed the connection during Statistics."), ReadKey, _clock);

        string? error = loop.Run(CancellationToken.None);

        Assert.Equal("The daemon of team0 went away: The daemon closed the connection during Statistics.", error);
    }

    private TopSample Sample()
    {
        (TopSample before, TopSample after) = TopSamples.ActiveBackupPair();
        TopSample s = (_taken.Count % 2 == 0 ? before : after) with { At = TimeSpan.FromTicks(_clock.GetTimestamp()), Time = _clock.GetLocalNow() };
        _taken.Add(s);
        return s;
    }

    private TopSample Stop(CancellationTokenSource stop)
    {
        TopSample s = Sample();
        stop.Cancel();
        return s;
    }

    /// <summary>The next pushed key at once; with none, the wait runs out, as the clock says.</summary>
    private ConsoleKeyInfo? ReadKey(TimeSpan timeout, CancellationToken stop)
    {
        if (_console.Input.IsKeyAvailable())
        {
            return _console.Input.ReadKey(intercept: true);
        }
        _clock.Advance(timeout);
        return null;
    }
}
