using System.Text.Json;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>
/// The settings of a port NetTeam must restore, read from `ip -d -j link` and the interface's sysctls:
/// MTU, MAC, admin state, promiscuity, allmulti, NOARP, IPv6 and rp_filter.
/// </summary>
internal sealed record LinkSnapshot(int Mtu, string Address, bool Up, int Promiscuity, int AllMulti, bool NoArp, string Ipv6Disabled, string RpFilter, string? Master)
{
    public static LinkSnapshot Take(TestNamespace ns, string ifName)
    {
        using JsonDocument doc = JsonDocument.Parse(ns.Ip("-d", "-j", "link", "show", "dev", ifName));
        JsonElement link = doc.RootElement[0];
        string[] flags = [.. link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)];
        return new LinkSnapshot(
            link.GetProperty("mtu").GetInt32(),
            link.TryGetProperty("address", out JsonElement address) ? address.GetString()! : string.Empty,
            flags.Contains("UP"),
            link.GetProperty("promiscuity").GetInt32(),
            link.TryGetProperty("allmulti", out JsonElement am) ? am.GetInt32() : (flags.Contains("ALLMULTI") ? 1 : 0),
            flags.Contains("NOARP"),
            ns.ReadSysctl($"/proc/sys/net/ipv6/conf/{ifName}/disable_ipv6"),
            ns.ReadSysctl($"/proc/sys/net/ipv4/conf/{ifName}/rp_filter"),
            link.TryGetProperty("master", out JsonElement m) ? m.GetString() : null);
    }

    /// <summary>Asserts equality and names every field that differs.</summary>
    public static void AssertSame(LinkSnapshot expected, LinkSnapshot actual, string ifName)
    {
        List<string> diffs = [];
        foreach (var p in typeof(LinkSnapshot).GetProperties().Where(p => p.Name != "EqualityContract"))
        {
            object? e = p.GetValue(expected);
            object? a = p.GetValue(actual);
            if (!Equals(e, a))
            {
                diffs.Add($"{p.Name}: expected {e}, got {a}");
            }
        }
        Assert.True(diffs.Count == 0, $"{ifName} was not restored: {string.Join("; ", diffs)}");
    }
}
