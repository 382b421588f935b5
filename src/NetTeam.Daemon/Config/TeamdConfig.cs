using System.Text.Json;
using System.Text.Json.Nodes;
using NetTeam.Control.Protocol;
using NetTeam.Device.DataPlane;
using NetTeam.Interop;
using NetTeam.Runners;
using NetTeam.Runners.Config;

namespace NetTeam.Daemon.Config;

/// <summary>
/// teamd's JSON config (teamd.conf(5), teamd-spec §2): parsed, checked key by key against the tables of
/// <see cref="TeamdConfigKeys"/> (every problem found, not only the first), with teamd's implicit defaults
/// written back so <c>config dump</c> shows them as teamd does (§2.3). A key teamd does not know is a warning
/// (teamd ignores it silently; NetTeam names it, and the nearest known key), or an error when strict.
/// </summary>
public sealed class TeamdConfig
{
    private TeamdConfig(JsonObject root, List<string> warnings, bool strict)
    {
        Root = root;
        Warnings = warnings;
        Strict = strict;
    }

    /// <summary>The config with defaults written back; the daemon keeps it current (port updates).</summary>
    public JsonObject Root { get; }

    /// <summary>Unknown keys and ignored values: the config loads, and the daemon logs each as a warning.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Loaded with --strict: warnings were errors, and so they are for later port config updates.</summary>
    public bool Strict { get; }

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

    /// <summary>
    /// Parses and checks <paramref name="json"/>; <paramref name="deviceOverride"/> is -t. Throws a
    /// <see cref="ConfigException"/> with every error, one per line; with <paramref name="strict"/> warnings are errors.
    /// </summary>
    public static TeamdConfig Parse(string json, string? deviceOverride = null, bool strict = false)
    {
        ConfigProblems problems = new(strict);
        return Load(json, deviceOverride, problems) ?? throw new ConfigException(string.Join('\n', problems.Errors));
    }

    /// <summary>Every problem in <paramref name="json"/>, for <c>netteamd --check-config</c>: nothing is kept or touched.</summary>
    public static ConfigProblems Check(string json, string? deviceOverride = null, bool strict = false)
    {
        ConfigProblems problems = new(strict);
        Load(json, deviceOverride, problems);
        return problems;
    }

    private static TeamdConfig? Load(string json, string? deviceOverride, ConfigProblems problems)
    {
        if (ParseObject(json, problems) is not JsonObject root)
        {
            return null;
        }
        if (deviceOverride is not null)
        {
            root["device"] = deviceOverride;
        }
        TeamdConfigKeys.Top.Check(root, string.Empty, problems);
        if (problems.HasErrors)
        {
            return null;
        }
        WriteBackDefaults(root);
        return new TeamdConfig(root, [.. problems.Warnings], problems.Strict);
    }

    private static JsonObject? ParseObject(string json, ConfigProblems problems)
    {
        JsonNode? node;
        try
        {
            node = StrictJson.Parse(json);
        }
        catch (JsonException ex)
        {
            problems.Error($"Failed to parse config: {ex.Message}");
            return null;
        }
        if (node is not JsonObject root)
        {
            problems.Error($"Failed to parse config: the top level is {node?.ToJsonString() ?? "null"}, expected an object");
            return null;
        }
        return root;
    }

    /// <summary>
    /// teamd's implicit defaults (§2.3): device "team0", runner {"name": "roundrobin"} (TEAMD_DEFAULT_RUNNER_NAME),
    /// the runner's own (<see cref="RunnerDescriptor.ApplyDefaults"/>), and {"name": "ethtool"} for a port without a
    /// watcher when there is no global one.
    /// </summary>
    private static void WriteBackDefaults(JsonObject root)
    {
        root["device"] ??= "team0";
        if (root["runner"] is not JsonObject runner)
        {
            runner = [];
            root["runner"] = runner;
        }
        runner["name"] ??= "roundrobin";
        RunnerDescriptor.Find(runner["name"]!.GetValue<string>())!.ApplyDefaults(root);
        if (root["ports"] is JsonObject ports)
        {
            foreach ((string _, JsonNode? port) in ports)
            {
                WritePortDefaults((JsonObject)port!, root["link_watch"] is not null);
            }
        }
    }

    private static void WritePortDefaults(JsonObject port, bool globalWatch)
    {
        if (port["link_watch"] is null && !globalWatch)
        {
            port["link_watch"] = new JsonObject { ["name"] = "ethtool" };
        }
    }

    /// <summary>
    /// Checks one port object (a port config update); throws with every error, adds the warnings to
    /// <paramref name="warnings"/>. Without a global watcher, the port gets {"name": "ethtool"} written back.
    /// </summary>
    public static void CheckPort(string name, JsonObject port, bool globalWatch, List<string> warnings, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(warnings);
        ConfigProblems problems = new(strict);
        TeamdConfigKeys.Port.Check(port, $"ports.{name}.", problems);
        if (problems.HasErrors)
        {
            throw new ConfigException(string.Join('\n', problems.Errors));
        }
        warnings.AddRange(problems.Warnings);
        WritePortDefaults(port, globalWatch);
    }

    /// <summary>JSON as teamdctl prints it: sorted keys, 4-space indent.</summary>
    public static string Format(JsonNode node, bool oneLine = false) => Control.Client.StateView.FormatJson(node, oneLine);
}
