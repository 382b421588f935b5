using System.Text.Json.Nodes;
using NetTeam.Control.Client;

namespace NetTeam.Control.Protocol;

/// <summary>
/// The JSON of NetTeam's teamnl methods, written by the daemon and read by the client: the option, port and
/// interface objects of OptionsGet, PortList and the Monitor events. The fields are libteam's (team netlink
/// option and port attributes, libteam's ifinfo list), so the client prints them as teamnl does.
/// </summary>
public static class TeamnlJson
{
    /// <summary>An option instance: name, type, value and flags, then the port and array index it addresses.</summary>
    public static JsonObject Write(TeamOptionStatus option)
    {
        ArgumentNullException.ThrowIfNull(option);
        JsonObject item = new()
        {
            ["name"] = option.Name,
            ["type"] = option.Type,
            ["value"] = option.Value,
            ["changed"] = option.Changed,
            ["removed"] = option.Removed,
        };
        if (option.Port is not null)
        {
            item["port"] = option.Port;
        }
        if (option.ArrayIndex is int i)
        {
            item["array_index"] = i;
        }
        return item;
    }

    /// <summary>A port: ifindex, name, link, speed and duplex, and its flags.</summary>
    public static JsonObject Write(TeamPortStatus port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return new JsonObject
        {
            ["ifindex"] = port.IfIndex, ["ifname"] = port.Name, ["linkup"] = port.LinkUp, ["speed"] = port.SpeedMbps,
            ["duplex"] = port.FullDuplex ? "full" : "half", ["changed"] = port.Changed, ["removed"] = port.Removed,
        };
    }

    /// <summary>An interface of the team: ifindex, name, address, master and whether it changed.</summary>
    public static JsonObject Write(TeamIfinfo ifinfo)
    {
        ArgumentNullException.ThrowIfNull(ifinfo);
        return new JsonObject
        {
            ["ifindex"] = ifinfo.IfIndex, ["ifname"] = ifinfo.Name, ["dev_addr"] = ifinfo.Address,
            ["master_ifindex"] = ifinfo.MasterIfIndex, ["changed"] = ifinfo.Changed,
        };
    }

    /// <summary>The reply of OptionsGet or PortList: the items as one JSON array.</summary>
    public static string WriteList(IEnumerable<TeamOptionStatus> options) => new JsonArray([.. options.Select(o => (JsonNode)Write(o))]).ToJsonString();

    /// <inheritdoc cref="WriteList(IEnumerable{TeamOptionStatus})"/>
    public static string WriteList(IEnumerable<TeamPortStatus> ports) => new JsonArray([.. ports.Select(p => (JsonNode)Write(p))]).ToJsonString();

    /// <summary>
    /// One Monitor event: the lists that changed (ports, options, interfaces), each complete; null when nothing
    /// changed, so there is no event to send.
    /// </summary>
    public static string? WriteEvent(IReadOnlyList<TeamPortStatus>? ports, IReadOnlyList<TeamOptionStatus>? options, IReadOnlyList<TeamIfinfo>? ifinfos)
    {
        JsonObject ev = [];
        if (ports is not null)
        {
            ev["ports"] = new JsonArray([.. ports.Select(p => (JsonNode)Write(p))]);
        }
        if (options is not null)
        {
            ev["options"] = new JsonArray([.. options.Select(o => (JsonNode)Write(o))]);
        }
        if (ifinfos is not null)
        {
            ev["ifinfos"] = new JsonArray([.. ifinfos.Select(i => (JsonNode)Write(i))]);
        }
        return ev.Count > 0 ? ev.ToJsonString() : null;
    }

    /// <summary>Reads an option object; throws <see cref="FormatException"/> naming the field that is missing or of another type.</summary>
    public static TeamOptionStatus ReadOption(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new TeamOptionStatus(
            Field<string>(node, "name"), Field<string>(node, "type"), Field<string>(node, "value"), Optional<string>(node, "port"),
            OptionalInt(node, "array_index"), OptionalBool(node, "changed"), OptionalBool(node, "removed"));
    }

    /// <summary>Reads a port object; throws <see cref="FormatException"/> as <see cref="ReadOption"/>.</summary>
    public static TeamPortStatus ReadPort(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new TeamPortStatus(
            Field<int>(node, "ifindex"), Field<string>(node, "ifname"), Field<bool>(node, "linkup"), Field<int>(node, "speed"),
            Field<string>(node, "duplex") == "full", OptionalBool(node, "changed"), OptionalBool(node, "removed"));
    }

    /// <summary>Reads an ifinfo object; throws <see cref="FormatException"/> as <see cref="ReadOption"/>.</summary>
    public static TeamIfinfo ReadIfinfo(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new TeamIfinfo(
            Field<int>(node, "ifindex"), Field<string>(node, "ifname"), Field<string>(node, "dev_addr"),
            Field<int>(node, "master_ifindex"), Field<bool>(node, "changed"));
    }

    public static List<TeamOptionStatus> ReadOptions(JsonArray array) => [.. Items(array).Select(ReadOption)];

    public static List<TeamPortStatus> ReadPorts(JsonArray array) => [.. Items(array).Select(ReadPort)];

    /// <summary>
    /// A Monitor event's lists; null when the payload is not JSON or not a JSON object. Throws
    /// <see cref="FormatException"/> when an item of a list lacks a field.
    /// </summary>
    public static TeamMonitorEvent? ReadEvent(string payload) => TryParse(payload) is JsonObject o
        ? new TeamMonitorEvent(
            o["ports"] is JsonArray p ? ReadPorts(p) : null,
            o["options"] is JsonArray op ? ReadOptions(op) : null,
            o["ifinfos"] is JsonArray i ? [.. Items(i).Select(ReadIfinfo)] : null,
            payload)
        : null;

    private static JsonNode? TryParse(string payload)
    {
        try
        {
            return StrictJson.Parse(payload);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<JsonNode> Items(JsonArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return array.Select(n => n ?? throw new FormatException("a list item is null, expected an object"));
    }

    /// <summary>A field the reader needs; the daemon's reply is outside input to the client, so its shape is checked.</summary>
    private static T Field<T>(JsonNode node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue(out T? value) && value is not null
            ? value
            : throw new FormatException($"\"{key}\": {(node is JsonObject ob ? ob[key]?.ToJsonString() ?? "missing" : "not in an object")}, expected {Expected<T>()}");

    private static string Expected<T>() => typeof(T) == typeof(int) ? "an integer" : typeof(T) == typeof(bool) ? "a boolean" : "a string";

    private static T? Optional<T>(JsonNode node, string key)
        where T : class => node[key] is null ? null : Field<T>(node, key);

    private static int? OptionalInt(JsonNode node, string key) => node[key] is null ? null : Field<int>(node, key);

    private static bool OptionalBool(JsonNode node, string key) => node[key] is not null && Field<bool>(node, key);
}
