using System.Text;

namespace NetTeam.Control.Protocol;

/// <summary>
/// teamd's state item paths: dot-separated, a name with special characters quoted, e.g.
/// <c>ports."eth1.1".link_watches.up</c> (teamdctl(8)). The daemon looks items up by them, and netteamctl
/// finds an item's type in a state dump by them.
/// </summary>
public static class StatePath
{
    public static List<string>? Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
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
}
