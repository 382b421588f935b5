using System.Text.Json.Nodes;

namespace NetTeam.Cli.Tests;

/// <summary>
/// -j/--json on every command that prints state: the output parses as JSON and has the keys a script needs,
/// wherever the flag stands (before the team, as teamnl takes its options, or after the command).
/// </summary>
public sealed class JsonOutputTests : IAsyncDisposable
{
    private static readonly string[] s_stateKeys = ["ports", "runner", "setup", "team_device"];

    private readonly FakeDaemon _daemon = new();

    public static TheoryData<string[], string[]> ObjectCommands() => new()
    {
        { ["state"], s_stateKeys },
        { ["state", "view"], s_stateKeys },
        { ["state", "dump"], s_stateKeys },
        { ["config", "dump"], ["device", "link_watch", "ports", "runner"] },
        { ["config", "dump", "actual"], ["device", "link_watch", "ports", "runner"] },
        { ["port", "config", "dump", "eth0"], ["prio", "sticky"] },
        { ["state", "item", "get", "runner.active_port"], ["path", "value"] },
        { ["port", "present", "eth0"], ["port", "present"] },
        { ["getoption", "mode"], ["name", "type", "value", "changed", "removed"] },
        { ["statistics"], ["data_plane", "team", "ports"] },
        { ["top"], ["team", "time", "interval_seconds", "runner", "data_plane", "active_port", "last_failover", "ports", "team_traffic"] },
    };

    [Theory]
    [MemberData(nameof(ObjectCommands))]
    public void EachStatePrintingCommandPrintsAJsonObjectWithItsKeys(string[] command, string[] keys)
    {
        var r = _daemon.Run(["--json", "team0", .. command]);

        Assert.True(r.Code == 0, r.Stderr);
        JsonObject json = Assert.IsType<JsonObject>(JsonNode.Parse(r.Stdout));
        Assert.All(keys, k => Assert.True(json.ContainsKey(k), $"no \"{k}\" in {r.Stdout}"));
    }

    [Theory]
    [InlineData("ports", "name")]
    [InlineData("options", "value")]
    public void TheTeamnlListingsPrintAJsonArray(string command, string key)
    {
        var r = _daemon.Run("-j", "team0", command);

        Assert.True(r.Code == 0, r.Stderr);
        JsonArray items = Assert.IsType<JsonArray>(JsonNode.Parse(r.Stdout));
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.NotNull(i![key]));
    }

    [Fact]
    public void StateViewAsJsonIsTheStateDump()
    {
        Assert.Equal(_daemon.Run("team0", "state", "dump").Stdout, _daemon.Run("--json", "team0", "state", "view").Stdout);
        Assert.Equal(_daemon.Run("team0", "state", "dump", "-o").Stdout, _daemon.Run("team0", "state", "view", "--json", "-o").Stdout);
    }

    [Fact]
    public void TheFlagMayFollowTheCommand()
    {
        var before = _daemon.Run("--json", "team0", "statistics");
        var after = _daemon.Run("team0", "statistics", "--json");

        Assert.Equal(0, after.Code);
        Assert.Equal(before.Stdout, after.Stdout);
    }

    [Theory]
    [InlineData("runner.active_port", "\"eth0\"")]
    [InlineData("setup.pid", "147")]
    [InlineData("ports.eth0.link.up", "true")]
    [InlineData("ports.eth0.link.speed", "-1")]
    public void AnItemIsTypedAsTheStateDumpHasIt(string path, string value)
    {
        var r = _daemon.Run("-j", "-o", "team0", "state", "item", "get", path);

        Assert.True(r.Code == 0, r.Stderr);
        Assert.Equal($"{{\"path\":\"{path}\",\"value\":{value}}}\n", r.Stdout);
    }

    [Fact]
    public void AnUnknownItemIsRefusedAsWithoutTheFlag()
    {
        var plain = _daemon.Run("team0", "state", "item", "get", "runner.nosuch");
        var json = _daemon.Run("-j", "team0", "state", "item", "get", "runner.nosuch");

        Assert.Equal(1, json.Code);
        Assert.Equal(plain.Stderr, json.Stderr);
        Assert.Empty(json.Stdout);
    }

    [Fact]
    public void AnAbsentPortIsFalseAndStillExitsOne()
    {
        var r = _daemon.Run("-j", "team0", "port", "present", "eth9");

        Assert.Equal(1, r.Code);
        Assert.False(JsonNode.Parse(r.Stdout)!["present"]!.GetValue<bool>());
        Assert.Contains("No such device", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TopAsJsonHasEachPortsStateAndRatesAndReadsOnly()
    {
        var r = _daemon.Run("team0", "top", "--json");

        Assert.True(r.Code == 0, r.Stderr);
        JsonObject json = JsonNode.Parse(r.Stdout)!.AsObject();
        Assert.Equal("eth0", json["active_port"]!.GetValue<string>());
        Assert.Equal("top", json["last_failover"]!["observed_by"]!.GetValue<string>());
        JsonNode eth0 = json["ports"]!["eth0"]!;
        Assert.True(eth0["enabled"]!.GetValue<bool>());
        Assert.True(eth0["link_up"]!.GetValue<bool>());
        // The stand-in's counters do not move: the rates are known, and zero.
        Assert.Equal(0, eth0["rx_bits_per_second"]!.GetValue<double>());
        Assert.False(json["ports"]!["eth1"]!["enabled"]!.GetValue<bool>());
        Assert.All(_daemon.Calls, m => Assert.Contains(m, (string[])["Statistics", "StateDump", "OptionsGet"]));
    }

    [Fact]
    public void TopToAPipePrintsOneFrameOfEveryPane()
    {
        var r = _daemon.Run("team0", "top");

        Assert.True(r.Code == 0, r.Stderr);
        Assert.Contains("ports:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("link watches:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("* eth0", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", r.Stdout, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _daemon.DisposeAsync();
}
