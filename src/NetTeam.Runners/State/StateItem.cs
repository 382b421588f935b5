namespace NetTeam.Runners.State;

/// <summary>The outcome of a state item lookup: its status, and the value read or the reason a set was refused.</summary>
public readonly record struct StateItem(StateItemStatus Status, string? Text = null);
