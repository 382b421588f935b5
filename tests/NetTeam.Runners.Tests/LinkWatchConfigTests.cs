using System.Text.Json.Nodes;
using NetTeam.Runners.LinkWatchers;

namespace NetTeam.Runners.Tests;

/// <summary>Watcher config errors name the key, the value and what was expected.</summary>
public class LinkWatchConfigTests
{
    private static string? Check(string json) => LinkWatch.Validate(JsonNode.Parse(json)!.AsObject(), "link_watch");

    [Theory]
    [InlineData("""{"name": "arp_ping"}""", "link_watch.target_host: missing (expected an IPv4 address)")]
    [InlineData("""{"name": "arp_ping", "target_host": "300.1.1.1"}""", "link_watch.target_host: \"300.1.1.1\" is not an IPv4 address or a host name that resolves to one")]
    [InlineData("""{"name": "arp_ping", "target_host": "fd00::1"}""", "link_watch.target_host: \"fd00::1\" is not an IPv4 address or a host name that resolves to one")]
    [InlineData("""{"name": "arp_ping", "target_host": 17}""", "link_watch.target_host: 17 is not a string (expected an IPv4 address)")]
    [InlineData("""{"name": "arp_ping", "target_host": "192.0.2.1", "source_host": "nowhere.invalid"}""", "link_watch.source_host: \"nowhere.invalid\" is not an IPv4 address or a host name that resolves to one")]
    [InlineData("""{"name": "arp_ping", "target_host": "192.0.2.1", "interval": 0}""", "link_watch.interval: 0 is out of range (expected 1 to 2147483647)")]
    [InlineData("""{"name": "arp_ping", "target_host": "192.0.2.1", "missed_max": -1}""", "link_watch.missed_max: -1 is out of range (expected 0 to 2147483647)")]
    [InlineData("""{"name": "arp_ping", "target_host": "192.0.2.1", "vlanid": 4096}""", "link_watch.vlanid: 4096 is out of range (expected 0 to 4095)")]
    [InlineData("""{"name": "arp_ping", "target_host": "192.0.2.1", "validate_active": "yes"}""", "link_watch.validate_active: \"yes\" is not a boolean (expected true or false)")]
    [InlineData("""{"name": "arp_ping", "target_host": "192.0.2.1", "init_wait": "soon"}""", "link_watch.init_wait: \"soon\" is not an integer")]
    [InlineData("""{"name": "nsna_ping"}""", "link_watch.target_host: missing (expected an IPv6 address)")]
    [InlineData("""{"name": "nsna_ping", "target_host": "192.0.2.1"}""", "link_watch.target_host: \"192.0.2.1\" is not an IPv6 address or a host name that resolves to one")]
    [InlineData("""{"name": "ethtool", "delay_up": -5}""", "link_watch.delay_up: -5 is out of range (expected 0 to 2147483647)")]
    [InlineData("""{"name": "tipc"}""", "link_watch.tipc_bearer: missing (expected a TIPC bearer name)")]
    [InlineData("""{"name": "mii"}""", "link_watch.name: \"mii\" is not a link watcher (expected one of ethtool, arp_ping, nsna_ping, tipc)")]
    [InlineData("""{"delay_up": 5}""", "link_watch.name: missing (expected a link watcher name)")]
    public void BadWatcherConfigIsRefusedWithItsKeyAndValue(string json, string error) => Assert.Equal(error, Check(json));

    [Theory]
    [InlineData("""{"name": "ethtool"}""")]
    [InlineData("""{"name": "ethtool", "delay_up": 2500, "delay_down": 1000}""")]
    [InlineData("""{"name": "arp_ping", "interval": 100, "missed_max": 30, "source_host": "192.168.23.2", "target_host": "192.168.23.1"}""")]
    [InlineData("""{"name": "arp_ping", "target_host": "localhost", "vlanid": 0, "send_always": true, "validate_inactive": true}""")]
    [InlineData("""{"name": "nsna_ping", "interval": 200, "missed_max": 15, "target_host": "fe80::210:18ff:feaa:bbcc"}""")]
    [InlineData("""{"name": "tipc", "tipc_bearer": "vlan0"}""")]
    public void GoodWatcherConfigPasses(string json) => Assert.Null(Check(json));
}
