namespace NetTeam.Runners.State;

/// <summary>The types of a state value, as teamd's (teamd_state.h TEAMD_STATE_ITEM_TYPE_INT, _STRING, _BOOL).</summary>
public enum StateValueType
{
    Int,
    String,
    Bool,
}
