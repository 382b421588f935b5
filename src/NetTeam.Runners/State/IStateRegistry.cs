namespace NetTeam.Runners.State;

/// <summary>
/// Where the daemon, its runner and its link watchers put what the state dump shows (teamd_state.h
/// <c>teamd_state_val_register</c> / <c>_unregister</c>): each registers its values with getters, and setters
/// for the few writable ones, when it starts or a port joins, and unregisters them when it stops or the port
/// leaves. A path is a list of names (a port's name may hold dots), e.g. ["runner", "active_port"] or
/// ["ports", "eth1", "runner", "aggregator", "selected"]. Called on the daemon's event loop only.
/// </summary>
public interface IStateRegistry
{
    /// <summary>Registers <paramref name="value"/> at <paramref name="path"/> for <paramref name="owner"/>; a path taken already is a bug.</summary>
    void Register(object owner, IReadOnlyList<string> path, StateValue value);

    /// <summary>Removes every value <paramref name="owner"/> registered, and the objects left empty.</summary>
    void Unregister(object owner);
}
