using System.Text.Json;
using System.Text.Json.Nodes;
using NetTeam.Device.DataPlane;
using NetTeam.Interop;
using NetTeam.Runners;
using NetTeam.Runners.LinkWatchers;

namespace NetTeam.Daemon.Config;

/// <summary>
/// teamd's JSON config (teamd.conf(5), teamd-spec §2): parsed, checked key by key, with teamd's implicit
/// defaults written back so <c>config dump</c> shows them as teamd does (§2.3).
/// </summary>
public sealed class TeamdConfig
{
    private static readonly HashSet<string> s_topKeys = ["device", "hwaddr", "debug_level", "runner", "notify_peers", "mcast_rejoin", "link_watch", "link_watch_policy", "ports", "data_plane", "metrics"];
    private static readonly HashSet<string> s_metricsKeys = ["listen"];
    private static readonly HashSet<string> s_portKeys = ["prio", "sticky", "queue_id", "lacp_prio", "lacp_key", "link_watch"];

    private TeamdConfig(JsonObject root, List<string> warnings)
    {
        Root = root;
        Warnings = warnings;
    }

    /// <summary>The config with defaults written back; the daemon keeps it current (port updates).</summary>
    public JsonObject Root { get; }

    /// <summary>Unknown keys and ignored values, reported as teamd's warnings.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public string Device => Root["device"]!.GetValue<string>();

    public string RunnerName => Root["runner"]!["name"]!.GetValue<string>();

    public JsonObject RunnerConfig => Root["runner"]!.AsObject();

    public JsonObject Ports => Root["ports"] as JsonObject ?? [];

    public MacAddress? Hwaddr => Root["hwaddr"] is JsonNode n ? MacAddress.Parse(n.GetValue<string>()) : null;

    public int DebugLevel => Root["debug_level"]?.GetValue<int>() ?? 0;

    /// <summary>NetTeam's <c>data_plane</c> (auto, ebpf or userspace; default auto), not a teamd key.</summary>
    public DataPlaneKind DataPlane => Root["data_plane"] is JsonNode n ? ParseDataPlane(n.GetValue<string>())!.Value : DataPlaneKind.Auto;

    /// <summary>NetTeam's <c>metrics.listen</c>: where to serve the metrics over HTTP; null (the default) for nowhere.</summary>
    public System.Net.IPEndPoint? MetricsListen => Root["metrics"]?["listen"] is JsonNode n ? Config.MetricsListen.Parse(n.GetValue<string>()) : null;

    /// <summary>The plane a <c>data_plane</c> value or <c>--data-plane</c> names; null for none.</summary>
    public static DataPlaneKind? ParseDataPlane(string text) => text switch
    {
        "auto" => DataPlaneKind.Auto,
        "ebpf" => DataPlaneKind.Ebpf,
        "userspace" => DataPlaneKind.Userspace,
        _ => null,
    };

    /// <summary>Parses and checks <paramref name="json"/>; <paramref name="deviceOverride"/> is -t.</summary>
    public static TeamdConfig Parse(string json, string? deviceOverride = null)
    {
        JsonObject root = ParseObject(json);
        List<string> warnings = [];
        WarnUnknownKeys(root, s_topKeys, string.Empty, warnings);
        CheckDevice(root, deviceOverride);
        if (RequireString(root, "hwaddr", "hwaddr", required: false) is string hw && !MacAddress.TryParse(hw, out _))
        {
            throw new ConfigException($"hwaddr: \"{hw}\" is not a MAC address (expected xx:xx:xx:xx:xx:xx)");
        }
        RequireInt(root, "debug_level", "debug_level", 0, int.MaxValue);
        string runnerName = CheckRunner(root);
        CheckCounters(root);
        bool globalWatch = root["link_watch"] is not null;
        if (globalWatch)
        {
            CheckLinkWatch(root["link_watch"]!, "link_watch");
        }
        if (RequireString(root, "link_watch_policy", "link_watch_policy", required: false) is string policy && policy is not ("any" or "all"))
        {
            throw new ConfigException($"link_watch_policy: \"{policy}\" is not valid (expected any or all)");
        }
        if (RequireString(root, "data_plane", "data_plane", required: false) is string plane && ParseDataPlane(plane) is null)
        {
            throw new ConfigException($"data_plane: \"{plane}\" is not a data plane (expected auto, ebpf or userspace)");
        }
        CheckMetrics(root, warnings);
        CheckPorts(root, globalWatch, warnings);
        return new TeamdConfig(root, warnings);
    }

    private static JsonObject ParseObject(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"Failed to parse config: {ex.Message}");
        }
        return node as JsonObject
            ?? throw new ConfigException($"Failed to parse config: the top level is {Describe(node)}, expected an object");
    }

    /// <summary>teamd warns about keys it does not know and goes on (<paramref name="prefix"/> is the object's path and a dot).</summary>
    private static void WarnUnknownKeys(JsonObject obj, HashSet<string> known, string prefix, List<string> warnings)
    {
        foreach ((string key, JsonNode? _) in obj)
        {
            if (!known.Contains(key))
            {
                warnings.Add($"Unknown config key \"{prefix}{key}\" ignored.");
            }
        }
    }

    /// <summary>device: -t wins; implicit "team0", written back.</summary>
    private static void CheckDevice(JsonObject root, string? deviceOverride)
    {
        if (deviceOverride is not null)
        {
            root["device"] = deviceOverride;
        }
        string device = RequireString(root, "device", "device", required: false) ?? "team0";
        if (device.Length is 0 or > 15)
        {
            throw new ConfigException($"device: \"{device}\" is not a valid interface name (expected 1 to 15 characters)");
        }
        root["device"] = device;
    }

    /// <summary>runner: implicit {"name": "roundrobin"} (TEAMD_DEFAULT_RUNNER_NAME), written back; returns the name.</summary>
    private static string CheckRunner(JsonObject root)
    {
        JsonNode? runnerNode = root["runner"];
        if (runnerNode is null)
        {
            runnerNode = new JsonObject();
            root["runner"] = runnerNode;
        }
        if (runnerNode is not JsonObject runner)
        {
            throw new ConfigException($"runner: {runnerNode.ToJsonString()} is not an object (expected {{\"name\": \"...\"}})");
        }
        string runnerName = RequireString(runner, "name", "runner.name", required: false) ?? "roundrobin";
        runner["name"] = runnerName;
        if (RunnerDescriptor.Find(runnerName) is not RunnerDescriptor descriptor)
        {
            throw new ConfigException($"runner.name: No runner named \"{runnerName}\" available (expected one of {string.Join(", ", Runner.Names)}).");
        }
        descriptor.ApplyDefaults(root);
        return runnerName;
    }

    /// <summary>notify_peers and mcast_rejoin: {"count": N, "interval": MS}.</summary>
    private static void CheckCounters(JsonObject root)
    {
        foreach (string counter in new[] { "notify_peers", "mcast_rejoin" })
        {
            if (root[counter] is JsonNode c)
            {
                if (c is not JsonObject co)
                {
                    throw new ConfigException($"{counter}: {c.ToJsonString()} is not an object (expected {{\"count\": N, \"interval\": MS}})");
                }
                RequireInt(co, "count", $"{counter}.count", 0, int.MaxValue);
                RequireInt(co, "interval", $"{counter}.interval", 0, int.MaxValue);
            }
        }
    }

    /// <summary>NetTeam's <c>metrics</c>: {"listen": "ADDRESS:PORT"}, checked here so a bad value stops the start.</summary>
    private static void CheckMetrics(JsonObject root, List<string> warnings)
    {
        if (root["metrics"] is not JsonNode node)
        {
            return;
        }
        if (node is not JsonObject metrics)
        {
            throw new ConfigException($"metrics: {node.ToJsonString()} is not an object (expected {{\"listen\": \"ADDRESS:PORT\"}})");
        }
        WarnUnknownKeys(metrics, s_metricsKeys, "metrics.", warnings);
        if (RequireString(metrics, "listen", "metrics.listen", required: false) is string listen && Config.MetricsListen.Parse(listen) is null)
        {
            throw new ConfigException(Config.MetricsListen.Error("metrics.listen", listen));
        }
    }

    private static void CheckPorts(JsonObject root, bool globalWatch, List<string> warnings)
    {
        if (root["ports"] is not JsonNode portsNode)
        {
            return;
        }
        if (portsNode is not JsonObject ports)
        {
            throw new ConfigException($"ports: {portsNode.ToJsonString()} is not an object (expected port names as keys)");
        }
        foreach ((string name, JsonNode? value) in ports)
        {
            if (value is not JsonObject port)
            {
                throw new ConfigException($"ports.{name}: {Describe(value)} is not an object (expected {{\"prio\": ..., ...}})");
            }
            CheckPort(name, port, globalWatch, warnings);
        }
    }

    /// <summary>Checks one port object; without a global watcher, a port gets {"name": "ethtool"} written back.</summary>
    public static void CheckPort(string name, JsonObject port, bool globalWatch, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(warnings);
        WarnUnknownKeys(port, s_portKeys, $"ports.{name}.", warnings);
        RequireInt(port, "prio", $"ports.{name}.prio", int.MinValue, int.MaxValue);
        RequireInt(port, "queue_id", $"ports.{name}.queue_id", 0, 15);
        RequireInt(port, "lacp_prio", $"ports.{name}.lacp_prio", 0, 65535);
        RequireInt(port, "lacp_key", $"ports.{name}.lacp_key", 0, 65535);
        if (ConfigReader.CheckBool(port, "sticky", $"ports.{name}.sticky") is string stickyError)
        {
            throw new ConfigException(stickyError);
        }
        if (port["link_watch"] is JsonNode lw)
        {
            CheckLinkWatch(lw, $"ports.{name}.link_watch");
        }
        else if (!globalWatch)
        {
            port["link_watch"] = new JsonObject { ["name"] = "ethtool" };
        }
    }

    private static void CheckLinkWatch(JsonNode node, string where)
    {
        IEnumerable<JsonNode?> watchers = node is JsonArray a ? a : new JsonNode?[] { node };
        int i = 0;
        foreach (JsonNode? w in watchers)
        {
            string at = node is JsonArray ? $"{where}[{i}]" : where;
            if (w is not JsonObject wo)
            {
                throw new ConfigException($"{at}: {Describe(w)} is not an object (expected {{\"name\": \"ethtool\"}})");
            }
            if (LinkWatch.Validate(wo, at) is string error)
            {
                throw new ConfigException(error);
            }
            i++;
        }
    }

    private static string? RequireString(JsonObject obj, string key, string path, bool required)
    {
        JsonNode? n = obj[key];
        if (n is null)
        {
            return required ? throw new ConfigException($"{path}: missing (expected a string)") : null;
        }
        if (n is JsonValue v && v.TryGetValue(out string? s))
        {
            return s;
        }
        throw new ConfigException($"{path}: {n.ToJsonString()} is not a string");
    }

    private static void RequireInt(JsonObject obj, string key, string path, int min, int max)
    {
        if (ConfigReader.CheckInt(obj, key, path, min, max) is string error)
        {
            throw new ConfigException(error);
        }
    }

    private static string Describe(JsonNode? n) => n is null ? "null" : n.ToJsonString();

    /// <summary>JSON as teamdctl prints it: sorted keys, 4-space indent.</summary>
    public static string Format(JsonNode node, bool oneLine = false) => Control.Client.StateView.FormatJson(node, oneLine);
}
