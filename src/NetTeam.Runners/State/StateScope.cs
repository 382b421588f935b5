namespace NetTeam.Runners.State;

/// <summary>
/// A place in the state tree for one owner's values: its registry, the owner, and the path of the object the
/// values go in, so a runner writes <c>scope.Add("active_port", ...)</c> under <c>runner</c> and a lacp port
/// writes its values under its own <c>ports.PORT.runner</c>.
/// </summary>
public readonly struct StateScope
{
    private readonly IStateRegistry _registry;
    private readonly object _owner;
    private readonly string[] _path;

    public StateScope(IStateRegistry registry, object owner, params string[] path)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _owner = owner ?? throw new ArgumentNullException(nameof(owner));
        _path = path ?? throw new ArgumentNullException(nameof(path));
    }

    /// <summary>The scope of the object <paramref name="name"/> inside this one.</summary>
    public StateScope Child(string name) => new(_registry, _owner, [.. _path, name]);

    public void Add(string name, StateValue value) => _registry.Register(_owner, [.. _path, name], value);
}
