using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetTeam.Control.Protocol;

/// <summary>
/// JSON from outside (a config file, a control request, a daemon's reply) parsed as libteam parses it: a key
/// repeated in one object is an error at parse time, as with json_loads(..., JSON_REJECT_DUPLICATES, ...) in
/// teamdctl and libteamdctl. System.Text.Json would otherwise take the text and throw an ArgumentException at
/// the first lookup in that object (found by fuzz/NetTeam.Fuzz, targets config and usock-client).
/// </summary>
public static class StrictJson
{
    public static JsonDocumentOptions Options { get; } = new() { AllowDuplicateProperties = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses <paramref name="json"/>; throws <see cref="JsonException"/> for malformed JSON and for a repeated key.</summary>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json, documentOptions: Options);
}
