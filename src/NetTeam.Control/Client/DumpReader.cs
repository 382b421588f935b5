using System.Text.Json.Nodes;

namespace NetTeam.Control.Client;

/// <summary>
/// Lookups into a state dump that came from the daemon, for the state view: the dump is outside input to
/// netteamctl, so a member of another type reads as a missing one (an empty line, "no", 0) instead of
/// throwing from System.Text.Json's typed accessors (found by fuzz/NetTeam.Fuzz, target usock-client).
/// </summary>
internal static class DumpReader
{
    /// <summary>The member <paramref name="key"/> of <paramref name="node"/> when it is an object, else null.</summary>
    public static JsonNode? Get(JsonNode? node, string key) => node is JsonObject o ? o[key] : null;

    public static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue(out bool b) && b;

    public static int Int(JsonNode? node) => node is JsonValue v && v.TryGetValue(out int i) ? i : 0;

    public static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : string.Empty;
}
