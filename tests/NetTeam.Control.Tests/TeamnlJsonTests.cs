using System.Text.Json.Nodes;
using NetTeam.Control.Client;
using NetTeam.Control.Protocol;

namespace NetTeam.Control.Tests;

/// <summary>The teamnl JSON the daemon writes is what the client reads back, field for field.</summary>
public class TeamnlJsonTests
{
    private static readonly TeamOptionStatus[] s_options =
    [
        new("mode", "string", "activebackup", null, null, Changed: false, Removed: false),
        new("enabled", "bool", "true", "eth1", null, Changed: true, Removed: false),
        new("bpf_hash_func", "binary", "", null, null, Changed: false, Removed: true),
        new("lb_tx_hash_to_port_mapping", "u32", "3", null, 17, Changed: true, Removed: false),
    ];

    private static readonly TeamPortStatus[] s_ports =
    [
        new(4, "eth0", LinkUp: true, 10000, FullDuplex: true, Changed: false, Removed: false),
        new(5, "eth1", LinkUp: false, -1, FullDuplex: false, Changed: true, Removed: true),
    ];

    private static readonly TeamIfinfo[] s_ifinfos =
    [
        new(3, "team0", "0a:00:00:00:00:01", 0, Changed: true),
        new(4, "eth0", "0a:00:00:00:00:01", 3, Changed: false),
    ];

    [Fact]
    public void OptionsAndPortsRoundTrip()
    {
        Assert.Equal(s_options, TeamnlJson.ReadOptions(JsonNode.Parse(TeamnlJson.WriteList(s_options))!.AsArray()));
        Assert.Equal(s_ports, TeamnlJson.ReadPorts(JsonNode.Parse(TeamnlJson.WriteList(s_ports))!.AsArray()));
    }

    [Fact]
    public void AMonitorEventRoundTripsWithOnlyTheListsThatChanged()
    {
        string json = TeamnlJson.WriteEvent(s_ports, null, s_ifinfos)!;
        TeamMonitorEvent e = TeamnlJson.ReadEvent(json)!;
        Assert.Equal(s_ports, e.Ports);
        Assert.Null(e.Options);
        Assert.Equal(s_ifinfos, e.Ifinfos);
        Assert.Equal(json, e.Json);
        Assert.Null(TeamnlJson.WriteEvent(null, null, null));
        Assert.Null(TeamnlJson.ReadEvent("[]"));
    }

    [Fact]
    public void TheWireFormHasTeamnlsFieldsInAFixedOrder()
    {
        Assert.Equal(
            """[{"name":"enabled","type":"bool","value":"true","changed":true,"removed":false,"port":"eth1"},{"name":"lb_tx_hash_to_port_mapping","type":"u32","value":"3","changed":true,"removed":false,"array_index":17}]""",
            TeamnlJson.WriteList(s_options[1..2].Concat(s_options[3..])));
        Assert.Equal(
            """{"ports":[{"ifindex":5,"ifname":"eth1","linkup":false,"speed":-1,"duplex":"half","changed":true,"removed":true}],"ifinfos":[{"ifindex":3,"ifname":"team0","dev_addr":"0a:00:00:00:00:01","master_ifindex":0,"changed":true}]}""",
            TeamnlJson.WriteEvent(s_ports[1..], null, s_ifinfos[..1]));
    }

    [Fact]
    public void AReaderTakesMissingFlagsAsFalse()
    {
        TeamPortStatus p = TeamnlJson.ReadPort(JsonNode.Parse("""{"ifindex":4,"ifname":"eth0","linkup":true,"speed":100,"duplex":"full"}""")!);
        Assert.Equal(new TeamPortStatus(4, "eth0", true, 100, true, false, false), p);
    }

    [Theory]
    [InlineData("""{"ifname":"eth0","linkup":true,"speed":100,"duplex":"full"}""", "\"ifindex\": missing, expected an integer")]
    [InlineData("""{"ifindex":"4","ifname":"eth0","linkup":true,"speed":100,"duplex":"full"}""", "\"ifindex\": \"4\", expected an integer")]
    [InlineData("""{"ifindex":4,"ifname":"eth0","linkup":1,"speed":100,"duplex":"full"}""", "\"linkup\": 1, expected a boolean")]
    [InlineData("[]", "\"ifindex\": not in an object, expected an integer")]
    public void AReaderRefusesAPortOfAnotherShapeNamingTheField(string json, string expected)
    {
        // A daemon's reply is outside input to netteamctl (fuzz/crashes/usock-client).
        FormatException ex = Assert.Throws<FormatException>(() => TeamnlJson.ReadPort(JsonNode.Parse(json)!));
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void AnEventThatIsNotJsonIsNoEvent() => Assert.Null(TeamnlJson.ReadEvent("{\"ports\": [}"));

    [Fact]
    public void StrictJsonRefusesARepeatedKey()
    {
        System.Text.Json.JsonException ex = Assert.Throws<System.Text.Json.JsonException>(() => StrictJson.Parse("""{"a": 1, "b": {"c": 1, "c": 2}}"""));
        Assert.Contains("'c'", ex.Message, StringComparison.Ordinal);
    }
}
