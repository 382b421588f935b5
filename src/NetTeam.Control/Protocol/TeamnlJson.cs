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

    public static TeamOptionStatus ReadOption(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new TeamOptionStatus(
            node["name"]!.GetValue<string>(), node["type"]!.GetValue<string>(), node["value"]!.GetValue<string>(), node["port"]?.GetValue<string>(),
            node["array_index"]?.GetValue<int>(), node["changed"]?.GetValue<bool>() ?? false, node["removed"]?.GetValue<bool>() ?? false);
    }

    public static TeamPortStatus ReadPort(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new TeamPortStatus(
            node["ifindex"]!.GetValue<int>(), node["ifname"]!.GetValue<string>(), node["linkup"]!.GetValue<bool>(), node["speed"]!.GetValue<int>(),
            node["duplex"]!.GetValue<string>() == "full", node["changed"]?.GetValue<bool>() ?? false, node["removed"]?.GetValue<bool>() ?? false);
    }

    public static TeamIfinfo ReadIfinfo(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new TeamIfinfo(
            node["ifindex"]!.GetValue<int>(), node["ifname"]!.GetValue<string>(), node["dev_addr"]!.GetValue<string>(),
            node["master_ifindex"]!.GetValue<int>(), node["changed"]!.GetValue<bool>());
    }

    public static List<TeamOptionStatus> ReadOptions(JsonArray array) => [.. Items(array).Select(ReadOption)];

    public static List<TeamPortStatus> ReadPorts(JsonArray array) => [.. Items(array).Select(ReadPort)];

    /// <summary>A Monitor event's lists; null when the payload is not a JSON object.</summary>
    public static TeamMonitorEvent? ReadEvent(string payload) => JsonNode.Parse(payload) is JsonObject o
        ? new TeamMonitorEvent(
            o["ports"] is JsonArray p ? ReadPorts(p) : null,
            o["options"] is JsonArray op ? ReadOptions(op) : null,
            o["ifinfos"] is JsonArray i ? [.. Items(i).Select(ReadIfinfo)] : null,
            payload)
        : null;

    private static IEnumerable<JsonNode> Items(JsonArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return array.Select(n => n!);
    }
}
