using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>A state dump's shape, to compare with teamd's golden dumps whatever the values.</summary>
internal static class DumpShape
{
    /// <summary>Key sets, recursively, with the port names replaced by their position, without NetTeam's own keys.</summary>
    public static string Of(JsonNode node, string[] ports)
    {
        if (node is not JsonObject o)
        {
            return node is JsonArray ? "[]" : node.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? "bool" : node.GetValueKind().ToString();
        }
        // setup.data_plane and setup.version are NetTeam's additions (docs/differences.md); teamd has no such keys anywhere.
        IEnumerable<string> keys = o.Where(kv => kv.Key is not ("data_plane" or "version")).Select(kv =>
        {
            int i = Array.IndexOf(ports, kv.Key);
            return (i >= 0 ? $"port{i}" : kv.Key) + ":" + (kv.Value is null ? "null" : Of(kv.Value, ports));
        }).Order(StringComparer.Ordinal);
        return "{" + string.Join(",", keys) + "}";
    }
}
