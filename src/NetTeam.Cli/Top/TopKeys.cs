namespace NetTeam.Cli.Top;

/// <summary>top's keys: q (or Ctrl-C typed as a key) quits; p, l and w choose the ports, LACP and link-watch panes; Tab (Shift-Tab) the next (previous) one.</summary>
internal static class TopKeys
{
    public static bool Quits(ConsoleKeyInfo key) =>
        key.KeyChar is 'q' or 'Q' || (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control));

    /// <summary>The pane after <paramref name="key"/>; <paramref name="current"/> for a key that chooses none.</summary>
    public static TopPane PaneAfter(ConsoleKeyInfo key, TopPane current) => key.KeyChar switch
    {
        'p' or 'P' => TopPane.Ports,
        'l' or 'L' => TopPane.Lacp,
        'w' or 'W' => TopPane.LinkWatches,
        _ when key.Key == ConsoleKey.Tab => Step(current, key.Modifiers.HasFlag(ConsoleModifiers.Shift) ? -1 : 1),
        _ => current,
    };

    private static TopPane Step(TopPane pane, int by)
    {
        int count = Enum.GetValues<TopPane>().Length;
        return (TopPane)((((int)pane + by) % count + count) % count);
    }
}
