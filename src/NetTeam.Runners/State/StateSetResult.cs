namespace NetTeam.Runners.State;

/// <summary>What a state value's setter made of a new value: taken, or refused with the reason.</summary>
public readonly record struct StateSetResult(string? Error)
{
    public static StateSetResult Ok => default;

    public bool IsSuccess => Error is null;

    public static StateSetResult Refused(string reason) => new(reason);
}
