namespace NetTeam.Cli.Top;

/// <summary>What the live view shows under its header; p, l and w choose one, Tab the next.</summary>
internal enum TopPane
{
    Ports,
    Lacp,
    LinkWatches,
}
