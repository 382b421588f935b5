namespace NetTeam.Runners.State;

/// <summary>How a lookup of one state item ended (teamdctl's <c>state item get</c> and <c>set</c>).</summary>
public enum StateItemStatus
{
    /// <summary>Read, or set.</summary>
    Ok,

    /// <summary>No item at that path (PathDoesNotExist).</summary>
    NotFound,

    /// <summary>The path names an object, not a value.</summary>
    NotAValue,

    /// <summary>A value without a setter (OpNotSupp).</summary>
    ReadOnly,

    /// <summary>The setter refused the value (ItemValueSetFail); <see cref="StateItem.Text"/> says why.</summary>
    Refused,
}
