using System.Text;
using System.Text.Json.Nodes;

namespace NetTeam.Daemon;

/// <summary>
/// teamd's state item paths: dot-separated, a name with special characters quoted, e.g.
/// <c>ports."eth1.1".link_watches.up</c> (teamdctl(8)).
/// </summary>
internal static class StatePath
{
    public static List<string>? Split(string path)
    {
        List<string> parts = [];
        StringBuilder current = new();
        bool quoted = false;
        bool wasQuoted = false;
        foreach (char c in path)
        {
            if (c == '"')
            {
                quoted = !quoted;
                wasQuoted = true;
            }
            else if (c == '.' && !quoted)
            {
                if (current.Length == 0 && !wasQuoted)
                {
                    return null;
                }
                parts.Add(current.ToString());
                current.Clear();
                wasQuoted = false;
            }
            else
            {
                current.Append(c);
            }
        }
        if (quoted || (current.Length == 0 && !wasQuoted))
        {
            return null;
        }
        parts.Add(current.ToString());
        return parts;
    }

    public static JsonNode? Find(JsonNode root, string path)
    {
        List<string>? parts = Split(path);
        if (parts is null)
        {
            return null;
        }
        JsonNode? node = root;
        foreach (string part in parts)
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out JsonNode? child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }
        return node;
    }
}
