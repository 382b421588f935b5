using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetTeam.Runners;

/// <summary>
/// Typed reads of teamd config values for runners, link watchers and the daemon's top-level checks. The Check methods return the error
/// text teamd users get (the key's path, the value, what was expected) or null; the Get methods assume the
/// value was checked and fall back to the default when the key is absent.
/// </summary>
public static class ConfigReader
{
    public static string? CheckInt(JsonObject o, string key, string path, int min, int max)
    {
        JsonNode? n = o[key];
        if (n is null)
        {
            return null;
        }
        if (n is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out int value))
        {
            // A bounded key says its range; for the others "an integer" is all there is to expect.
            return max < int.MaxValue
                ? string.Create(CultureInfo.InvariantCulture, $"{path}: {n.ToJsonString()} is not an integer (expected {min} to {max})")
                : $"{path}: {n.ToJsonString()} is not an integer";
        }
        return value < min || value > max
            ? string.Create(CultureInfo.InvariantCulture, $"{path}: {value} is out of range (expected {min} to {max})")
            : null;
    }

    public static string? CheckBool(JsonObject o, string key, string path)
    {
        JsonNode? n = o[key];
        return n is null || (n is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            ? null
            : $"{path}: {n.ToJsonString()} is not a boolean (expected true or false)";
    }

    public static string? CheckString(JsonObject o, string key, string path, bool required, string expected)
    {
        JsonNode? n = o[key];
        if (n is null)
        {
            return required ? $"{path}: missing (expected {expected})" : null;
        }
        return n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? null : $"{path}: {n.ToJsonString()} is not a string (expected {expected})";
    }

    public static int Int(JsonObject o, string key, int fallback) => o[key] is JsonValue v && v.TryGetValue(out int i) ? i : fallback;

    public static bool Bool(JsonObject o, string key, bool fallback) => o[key] is JsonValue v && v.TryGetValue(out bool b) ? b : fallback;

    public static string? String(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
