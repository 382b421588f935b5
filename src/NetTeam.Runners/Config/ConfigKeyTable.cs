using System.Text.Json.Nodes;

namespace NetTeam.Runners.Config;

/// <summary>
/// The keys teamd knows at one level of its config (the top level, a runner, a link watcher, a port). Each key
/// present is checked; a key that is not in the table is reported with its path, as a warning (teamd ignores
/// it silently: libteam teamd/teamd_config.c reads each key by its path), and with the nearest known key when
/// one is close: a typo such as <c>runner.hwaddr_polcy</c> would otherwise leave the default in force without
/// a word.
/// </summary>
public sealed class ConfigKeyTable
{
    private readonly Dictionary<string, ConfigKey> _keys;

    public ConfigKeyTable(IEnumerable<ConfigKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = [.. keys];
        _keys = Keys.ToDictionary(k => k.Name, StringComparer.Ordinal);
    }

    /// <summary>The keys, in the order teamd.conf(5) lists them.</summary>
    public IReadOnlyList<ConfigKey> Keys { get; }

    public IEnumerable<string> Names => Keys.Select(k => k.Name);

    public bool Contains(string name) => _keys.ContainsKey(name);

    /// <summary>
    /// Checks every key of <paramref name="obj"/> in the config's order, then the required keys that are absent.
    /// <paramref name="prefix"/> is the object's path and a dot ("" at the top level). For an unknown key,
    /// <paramref name="elsewhere"/> may say where it belongs instead (another runner's key, say).
    /// </summary>
    public void Check(JsonObject obj, string prefix, ConfigProblems problems, Func<string, string?>? elsewhere = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(problems);
        // A snapshot: a check may write a default back into the object.
        foreach (string key in obj.Select(kv => kv.Key).ToList())
        {
            if (_keys.TryGetValue(key, out ConfigKey? k))
            {
                k.Check(obj, prefix + key, problems);
            }
            else
            {
                problems.Warning(UnknownKey(key, prefix, elsewhere));
            }
        }
        foreach (ConfigKey k in Keys.Where(k => k.Required && !obj.ContainsKey(k.Name)))
        {
            k.Check(obj, prefix + k.Name, problems);
        }
    }

    /// <summary>The first error in the table's own keys (others are not looked at), or null: the runners' Validate.</summary>
    public string? FirstError(JsonObject obj, string prefix)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ConfigProblems problems = new();
        foreach (ConfigKey k in Keys.Where(k => k.Required || obj.ContainsKey(k.Name)))
        {
            k.Check(obj, prefix + k.Name, problems);
        }
        return problems.Errors.FirstOrDefault();
    }

    /// <summary>"PATH: unknown key; did you mean PATH2?", or where it belongs, or the keys known here.</summary>
    private string UnknownKey(string key, string prefix, Func<string, string?>? elsewhere)
    {
        string path = prefix + key;
        if (elsewhere?.Invoke(key) is string hint)
        {
            return $"{path}: unknown key; {hint}";
        }
        return KeySuggestion.Nearest(key, Names) is string near
            ? $"{path}: unknown key; did you mean {prefix}{near}?"
            : $"{path}: unknown key (expected one of {string.Join(", ", Names)})";
    }
}
