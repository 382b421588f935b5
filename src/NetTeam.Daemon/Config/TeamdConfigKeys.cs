using System.Text.Json;
using System.Text.Json.Nodes;
using NetTeam.Interop;
using NetTeam.Runners;
using NetTeam.Runners.Config;
using NetTeam.Runners.LinkWatchers;

namespace NetTeam.Daemon.Config;

/// <summary>
/// The keys teamd reads at the top level of its config and in each port object (teamd.conf(5), teamd-spec
/// §2.2 and §2.6; libteam teamd/teamd.c), each with its check. The runner's keys come from its
/// <see cref="RunnerDescriptor.Keys"/>, a watcher's from its <see cref="LinkWatchDescriptor.Keys"/>: the same
/// tables that say which keys are unknown check the known ones.
/// </summary>
internal static class TeamdConfigKeys
{
    /// <summary>A port object's keys: teamd.c reads queue_id and prio, the runners sticky, lacp_prio and lacp_key.</summary>
    public static ConfigKeyTable Port { get; } = new(
    [
        ConfigKey.Int("prio", int.MinValue, int.MaxValue),
        ConfigKey.Bool("sticky"),
        ConfigKey.Int("queue_id", 0, 15),
        ConfigKey.Int("lacp_prio", 0, 65535),
        ConfigKey.Int("lacp_key", 0, 65535),
        new("link_watch", false, (o, path, p) => CheckLinkWatch(o["link_watch"], path, p)),
    ]);

    /// <summary>notify_peers and mcast_rejoin: {"count": N, "interval": MS}.</summary>
    private static ConfigKeyTable Counter { get; } = new([ConfigKey.Int("count", 0, int.MaxValue), ConfigKey.Int("interval", 0, int.MaxValue)]);

    /// <summary>NetTeam's metrics: {"listen": "ADDRESS:PORT"}, checked here so that a bad value stops the start.</summary>
    private static ConfigKeyTable Metrics { get; } = new([new("listen", false, (o, path, p) => p.Error(CheckListen(o["listen"], path)))]);

    /// <summary>The top level, in teamd.conf(5)'s order, and NetTeam's own data_plane and metrics.</summary>
    public static ConfigKeyTable Top { get; } = new(
    [
        new("device", false, (o, path, p) => p.Error(CheckDevice(o["device"], path))),
        new("hwaddr", false, (o, path, p) => p.Error(CheckHwaddr(o["hwaddr"], path))),
        ConfigKey.Int("debug_level", 0, int.MaxValue),
        new("runner", false, (o, path, p) => CheckRunner(o["runner"], path, p)),
        ConfigKey.Object("notify_peers", Counter, "{\"count\": N, \"interval\": MS}"),
        ConfigKey.Object("mcast_rejoin", Counter, "{\"count\": N, \"interval\": MS}"),
        new("link_watch", false, (o, path, p) => CheckLinkWatch(o["link_watch"], path, p)),
        ConfigKey.OneOf("link_watch_policy", ["any", "all"], expected: "any or all"),
        new("ports", false, (o, path, p) => CheckPorts(o["ports"], path, p)),
        ConfigKey.OneOf("data_plane", ["auto", "ebpf", "userspace"], expected: "auto, ebpf or userspace"),
        ConfigKey.Object("metrics", Metrics, "{\"listen\": \"ADDRESS:PORT\"}"),
    ]);

    // A JSON null is taken as an absent key throughout, as ConfigReader does.
    private static string? CheckDevice(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }
        if (!IsString(node, out string device))
        {
            return $"{path}: {node.ToJsonString()} is not a string (expected an interface name)";
        }
        return device.Length is 0 or > 15 ? $"{path}: \"{device}\" is not a valid interface name (expected 1 to 15 characters)" : null;
    }

    private static string? CheckListen(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }
        if (!IsString(node, out string listen))
        {
            return $"{path}: {node.ToJsonString()} is not a string (expected ADDRESS:PORT, such as 127.0.0.1:9786)";
        }
        return MetricsListen.Parse(listen) is null ? MetricsListen.Error(path, listen) : null;
    }

    private static string? CheckHwaddr(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }
        if (!IsString(node, out string hw))
        {
            return $"{path}: {node.ToJsonString()} is not a string (expected a MAC address, xx:xx:xx:xx:xx:xx)";
        }
        return MacAddress.TryParse(hw, out _) ? null : $"{path}: \"{hw}\" is not a MAC address (expected xx:xx:xx:xx:xx:xx)";
    }

    /// <summary>runner: an object whose name picks the table its other keys are checked against.</summary>
    private static void CheckRunner(JsonNode? node, string path, ConfigProblems problems)
    {
        if (node is null)
        {
            return;
        }
        if (node is not JsonObject runner)
        {
            problems.Error($"{path}: {node.ToJsonString()} is not an object (expected {{\"name\": \"...\"}})");
            return;
        }
        string name = "roundrobin";
        if (runner["name"] is JsonNode n && !IsString(n, out name))
        {
            problems.Error($"{path}.name: {n.ToJsonString()} is not a string (expected one of {string.Join(", ", Runner.Names)})");
            return;
        }
        if (RunnerDescriptor.Find(name) is not RunnerDescriptor descriptor)
        {
            string? near = KeySuggestion.Nearest(name, Runner.Names);
            problems.Error($"{path}.name: No runner named \"{name}\" available (expected one of {string.Join(", ", Runner.Names)})"
                + (near is null ? "." : $"; did you mean \"{near}\"?"));
            return;
        }
        descriptor.Keys.Check(runner, path + ".", problems, descriptor.KeyOfOthers);
    }

    /// <summary>A link_watch: one watcher object or an array of them (teamd-spec §2.5).</summary>
    private static void CheckLinkWatch(JsonNode? node, string path, ConfigProblems problems)
    {
        if (node is null)
        {
            return;
        }
        IList<JsonNode?> watchers = node is JsonArray a ? a : new JsonNode?[] { node };
        for (int i = 0; i < watchers.Count; i++)
        {
            string at = node is JsonArray ? $"{path}[{i}]" : path;
            if (watchers[i] is JsonObject watcher)
            {
                LinkWatch.Check(watcher, at, problems);
            }
            else
            {
                problems.Error($"{at}: {watchers[i]?.ToJsonString() ?? "null"} is not an object (expected {{\"name\": \"ethtool\"}})");
            }
        }
    }

    /// <summary>ports: an object keyed by interface name, each a port object (<see cref="Port"/>).</summary>
    private static void CheckPorts(JsonNode? node, string path, ConfigProblems problems)
    {
        if (node is null)
        {
            return;
        }
        if (node is not JsonObject ports)
        {
            problems.Error($"{path}: {node.ToJsonString()} is not an object (expected port names as keys)");
            return;
        }
        foreach ((string name, JsonNode? value) in ports)
        {
            if (value is JsonObject port)
            {
                Port.Check(port, $"{path}.{name}.", problems);
            }
            else
            {
                problems.Error($"{path}.{name}: {value?.ToJsonString() ?? "null"} is not an object (expected {{\"prio\": ..., ...}})");
            }
        }
    }

    private static bool IsString(JsonNode node, out string text)
    {
        bool isString = node is JsonValue v && v.GetValueKind() == JsonValueKind.String;
        text = isString ? node.GetValue<string>() : string.Empty;
        return isString;
    }
}
