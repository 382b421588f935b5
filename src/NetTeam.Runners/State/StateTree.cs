using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetTeam.Runners.State;

/// <summary>
/// netteamd's state: the values the daemon, the runner and the link watchers registered (teamd_state.c), kept
/// as a tree of objects in registration order. <c>StateDump</c> is a walk of the tree; <c>state item get</c>
/// and <c>set</c> look one path up and call its getter or setter, without building the dump. Used on the
/// daemon's event loop only, so it takes no lock.
/// </summary>
public sealed class StateTree : IStateRegistry
{
    private readonly Node _root = new() { Pinned = true };

    public void Register(object owner, IReadOnlyList<string> path, StateValue value)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfZero(path.Count);
        Node leaf = Create(path, out bool fresh);
        if (!fresh)
        {
            throw new InvalidOperationException($"The state item {string.Join('.', path)} is registered already.");
        }
        leaf.Value = value;
        leaf.Owner = owner;
    }

    public void Unregister(object owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        RemoveOwned(_root, owner);
    }

    /// <summary>An object that stays in the dump while empty (teamd's <c>ports</c>).</summary>
    public void Pin(IReadOnlyList<string> path) => CreateObject(path).Pinned = true;

    /// <summary>
    /// Hides the object at <paramref name="path"/> from the dump and from lookups while <paramref name="present"/>
    /// is false (a port the device has dropped before the daemon has heard of it).
    /// </summary>
    public void Guard(IReadOnlyList<string> path, Func<bool> present) => CreateObject(path).Present = present;

    /// <summary>Removes the object or value at <paramref name="path"/> with everything under it, whoever registered it.</summary>
    public void Remove(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfZero(path.Count);
        List<Node> chain = [_root];
        foreach (string name in path)
        {
            if (!chain[^1].Children.TryGetValue(name, out Node? child))
            {
                return;
            }
            chain.Add(child);
        }
        chain[^2].Children.Remove(path[^1]);
        for (int i = chain.Count - 2; i > 0; i--)
        {
            if (chain[i].Children.Count > 0 || chain[i].Pinned)
            {
                break;
            }
            chain[i - 1].Children.Remove(path[i - 1]);
        }
    }

    /// <summary>The item's value as <c>state item get</c> prints it.</summary>
    public StateItem Get(IReadOnlyList<string> path) => Find(path) switch
    {
        null => new(StateItemStatus.NotFound),
        { Value: StateValue v } => new(StateItemStatus.Ok, v.Text),
        _ => new(StateItemStatus.NotAValue),
    };

    /// <summary>Gives <paramref name="text"/> to the item's setter.</summary>
    public StateItem Set(IReadOnlyList<string> path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Node? node = Find(path);
        if (node is null)
        {
            return new(StateItemStatus.NotFound);
        }
        if (node.Value is not StateValue value)
        {
            return new(StateItemStatus.NotAValue);
        }
        if (!value.IsWritable)
        {
            return new(StateItemStatus.ReadOnly);
        }
        StateSetResult result = value.Set(text);
        return result.IsSuccess ? new(StateItemStatus.Ok) : new(StateItemStatus.Refused, result.Error);
    }

    /// <summary>The whole state as JSON, in teamd's shape and key names (teamd-spec §3.6).</summary>
    public JsonObject Dump() => Dump(_root);

    /// <summary>The object at <paramref name="path"/> as JSON, or null when there is none.</summary>
    public JsonObject? Dump(IReadOnlyList<string> path) => Find(path) is { Value: null } node ? Dump(node) : null;

    private static JsonObject Dump(Node node)
    {
        using MemoryStream buffer = new();
        using (Utf8JsonWriter writer = new(buffer))
        {
            Write(writer, node);
        }
        // Parsed rather than built node by node: the values read back as any numeric type (GetValue<uint>, <int>).
        return JsonNode.Parse(buffer.ToArray())!.AsObject();
    }

    private static void Write(Utf8JsonWriter writer, Node node)
    {
        if (node.Value is StateValue value)
        {
            value.WriteTo(writer);
            return;
        }
        writer.WriteStartObject();
        foreach ((string name, Node child) in node.Children)
        {
            if (child.IsVisible)
            {
                writer.WritePropertyName(name);
                Write(writer, child);
            }
        }
        writer.WriteEndObject();
    }

    private Node? Find(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Node node = _root;
        foreach (string name in path)
        {
            if (!node.Children.TryGetValue(name, out Node? child) || !child.IsVisible)
            {
                return null;
            }
            node = child;
        }
        return node;
    }

    private Node CreateObject(IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Node node = Create(path, out _);
        if (node.Value is not null)
        {
            throw new InvalidOperationException($"The state item {string.Join('.', path)} is a value, not an object.");
        }
        return node;
    }

    /// <summary>The node at <paramref name="path"/>, made with its parents when missing; a value on the way is a bug.</summary>
    private Node Create(IReadOnlyList<string> path, out bool fresh)
    {
        Node node = _root;
        for (int i = 0; i < path.Count; i++)
        {
            if (node.Value is not null)
            {
                throw new InvalidOperationException($"The state item {string.Join('.', path.Take(i))} is a value, not an object.");
            }
            if (!node.Children.TryGetValue(path[i], out Node? child))
            {
                child = new Node();
                node.Children.Add(path[i], child);
                if (i == path.Count - 1)
                {
                    fresh = true;
                    return child;
                }
            }
            node = child;
        }
        fresh = false;
        return node;
    }

    /// <summary>Removes the owner's values under <paramref name="node"/>, then the objects they leave empty.</summary>
    private static void RemoveOwned(Node node, object owner)
    {
        List<string> gone = [];
        foreach ((string name, Node child) in node.Children)
        {
            if (child.Value is not null)
            {
                if (ReferenceEquals(child.Owner, owner))
                {
                    gone.Add(name);
                }
                continue;
            }
            RemoveOwned(child, owner);
            if (child.Children.Count == 0 && !child.Pinned)
            {
                gone.Add(name);
            }
        }
        foreach (string name in gone)
        {
            node.Children.Remove(name);
        }
    }

    /// <summary>An object (children) or a value (a registered leaf).</summary>
    private sealed class Node
    {
        public OrderedDictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        public StateValue? Value { get; set; }

        public object? Owner { get; set; }

        public bool Pinned { get; set; }

        public Func<bool>? Present { get; set; }

        public bool IsVisible => Present?.Invoke() ?? true;
    }
}
