using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetTeam.Runners.Config;

/// <summary>
/// One key that teamd reads at one level of its config, with the check of its value. <see cref="Check"/> gets
/// the object that holds the key and the key's full path (<c>runner.sys_prio</c>), and reports into the
/// problems; it also runs for an absent key when <see cref="Required"/>. The runners and link watchers build
/// their key tables from these, and the same tables tell which keys are unknown, so the two cannot drift.
/// </summary>
public sealed record ConfigKey(string Name, bool Required, Action<JsonObject, string, ConfigProblems> Check)
{
    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static ConfigKey Int(string name, int min, int max) =>
        new(name, false, (o, path, p) => p.Error(ConfigReader.CheckInt(o, name, path, min, max)));

    public static ConfigKey Bool(string name) => new(name, false, (o, path, p) => p.Error(ConfigReader.CheckBool(o, name, path)));

    /// <summary>A string; <paramref name="expected"/> says what it names ("a TIPC bearer name").</summary>
    public static ConfigKey String(string name, string expected, bool required = false) =>
        new(name, required, (o, path, p) => p.Error(ConfigReader.CheckString(o, name, path, required, expected)));

    /// <summary>One of a fixed set of strings (<paramref name="expected"/> words the set, "one of a, b" by default); a near miss gets a suggestion.</summary>
    public static ConfigKey OneOf(string name, IReadOnlyList<string> values, bool required = false, string? expected = null) =>
        new(name, required, (o, path, p) => p.Error(CheckOneOf(o[name], path, values, required, expected)));

    /// <summary>An object whose own keys are <paramref name="table"/>'s (unknown ones reported too).</summary>
    public static ConfigKey Object(string name, ConfigKeyTable table, string expected) => new(name, false, (o, path, p) =>
    {
        ArgumentNullException.ThrowIfNull(table);
        if (o[name] is JsonNode n)
        {
            if (n is JsonObject inner)
            {
                table.Check(inner, path + ".", p);
            }
            else
            {
                p.Error($"{path}: {n.ToJsonString()} is not an object (expected {expected})");
            }
        }
    });

    /// <summary>A key whose value someone else checks (a watcher's <c>name</c>, which chose the table).</summary>
    public static ConfigKey Known(string name) => new(name, false, (_, _, _) => { });

    /// <summary>The error for a value not in <paramref name="values"/>, or null (also for an absent optional value).</summary>
    public static string? CheckOneOf(JsonNode? node, string path, IReadOnlyList<string> values, bool required, string? expected = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        expected ??= values.Count == 1 ? values[0] : "one of " + string.Join(", ", values);
        if (node is null)
        {
            return required ? $"{path}: missing (expected {expected})" : null;
        }
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            return $"{path}: {node.ToJsonString()} is not a string (expected {expected})";
        }
        string text = v.GetValue<string>();
        if (values.Contains(text))
        {
            return null;
        }
        string? near = KeySuggestion.Nearest(text, values);
        return $"{path}: \"{text}\" is not valid (expected {expected})" + (near is null ? string.Empty : $"; did you mean \"{near}\"?");
    }
}
