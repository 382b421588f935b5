using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NetTeam.Cli.Top;

/// <summary>
/// Draws a <see cref="TopFrame"/>: the team's header (runner, mode, data plane, active port and its last change),
/// then the chosen pane under a line of the panes' keys (live view), or every pane one after another (one frame).
/// </summary>
internal static class TopView
{
    private static readonly (TopPane Pane, char Key, string Title)[] s_panes = [(TopPane.Ports, 'p', "ports"), (TopPane.Lacp, 'l', "LACP"), (TopPane.LinkWatches, 'w', "link watches")];

    /// <summary>The live view's screen: the header, the pane keys with <paramref name="pane"/> marked, and that pane.</summary>
    public static IRenderable Render(TopFrame frame, TopPane pane)
    {
        ArgumentNullException.ThrowIfNull(frame);
        List<IRenderable> rows = [.. Header(frame), Text.Empty, Keys(pane), Pane(frame, pane)];
        return new Rows(rows);
    }

    /// <summary>One frame for a script or a log: the header and every pane, each under its title (the LACP pane for the lacp runner only).</summary>
    public static IRenderable RenderAll(TopFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        List<IRenderable> rows = [.. Header(frame)];
        foreach ((TopPane pane, _, string title) in s_panes)
        {
            if (pane == TopPane.Lacp && !frame.IsLacp)
            {
                continue;
            }
            rows.Add(Text.Empty);
            rows.Add(new Text(title + ":", new Style(decoration: Decoration.Bold)));
            rows.Add(Pane(frame, pane));
        }
        return new Rows(rows);
    }

    /// <summary>The tables' look: a rule under the heads, no frame, so wide tables fit.</summary>
    internal static Table NewTable() => new Table().Border(TableBorder.Simple);

    private static IRenderable Pane(TopFrame frame, TopPane pane) => pane switch
    {
        TopPane.Lacp => LacpPane.Render(frame),
        TopPane.LinkWatches => LinkWatchPane.Render(frame),
        _ => PortsPane.Render(frame),
    };

    private static IEnumerable<IRenderable> Header(TopFrame frame)
    {
        string every = frame.Interval is TimeSpan i ? string.Create(CultureInfo.InvariantCulture, $", rates over {i.TotalSeconds:0.0} s") : ", rates from the next sample";
        yield return new Markup(Invariant(
            $"[bold]{Markup.Escape(frame.Team)}[/]  runner [bold]{Markup.Escape(frame.Runner)}[/]  mode {Markup.Escape(frame.Mode)}  data plane [bold]{Markup.Escape(frame.DataPlane)}[/]  at {TopFormat.Time(frame.Time)}{every}"));
        if (frame.HasActivePort)
        {
            string active = frame.ActivePort is { Length: > 0 } a ? a : "none";
            yield return new Markup(Invariant($"active port [bold]{Markup.Escape(active)}[/]  last failover: {Markup.Escape(LastFailover(frame))}"));
        }
    }

    /// <summary>
    /// The last active-port change top saw, with what it is: the daemon reports the active port, not when it last
    /// changed, so top can only tell a change it saw while it ran, to within its sampling interval.
    /// </summary>
    public static string LastFailover(TopFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ActivePortWatch w = frame.ActiveWatch;
        return w.ChangedAt is DateTimeOffset at
            ? Invariant($"{TopFormat.Time(at)}, {Name(w.Previous)} -> {Name(w.Current)} (as seen by top; the daemon does not report the time)")
            : Invariant($"none seen since {TopFormat.Time(w.Since)} (top watches the active port; the daemon does not report the time)");
    }

    private static string Name(string? port) => port is { Length: > 0 } ? port : "none";

    private static Markup Keys(TopPane current)
    {
        List<string> parts = [];
        foreach ((TopPane pane, char key, string title) in s_panes)
        {
            // Brackets as well as reverse video, so the choice shows in plain text (a capture, a screen reader) too.
            parts.Add(pane == current ? $"[reverse]{Markup.Escape($"[{key} {title}]")}[/]" : Markup.Escape($" {key} {title} "));
        }
        return new Markup(string.Join(" ", parts) + "   q quit, Tab next pane", new Style(decoration: Decoration.None));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
