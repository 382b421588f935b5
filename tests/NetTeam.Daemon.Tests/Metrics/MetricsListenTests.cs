using System.Net;
using NetTeam.Daemon.Config;

namespace NetTeam.Daemon.Tests.Metrics;

/// <summary>metrics.listen and --metrics-listen: an exact numeric address and a port, or a config error naming the key and the value.</summary>
public class MetricsListenTests
{
    [Theory]
    [InlineData("127.0.0.1:9786", "127.0.0.1", 9786)]
    [InlineData("0.0.0.0:9786", "0.0.0.0", 9786)]
    [InlineData("[::1]:9786", "::1", 9786)]
    [InlineData("[::]:1", "::", 1)]
    [InlineData("10.1.2.3:65535", "10.1.2.3", 65535)]
    public void AnAddressAndAPortAreTakenAsTheyAre(string text, string address, int port)
    {
        IPEndPoint? endpoint = MetricsListen.Parse(text);
        Assert.NotNull(endpoint);
        Assert.Equal(IPAddress.Parse(address), endpoint.Address);
        Assert.Equal(port, endpoint.Port);
    }

    [Theory]
    [InlineData("9786")]
    [InlineData(":9786")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:+80")]
    [InlineData("127.1:9786")]
    [InlineData("localhost:9786")]
    [InlineData("::1:9786")]
    [InlineData("[::1]")]
    [InlineData("[127.0.0.1]:9786")]
    [InlineData("[::1]:port")]
    [InlineData("")]
    public void AnythingElseIsRefused(string text) => Assert.Null(MetricsListen.Parse(text));

    [Fact]
    public void TheConfigKeyIsOffByDefaultAndReadWhenGiven()
    {
        Assert.Null(TeamdConfig.Parse("{}").MetricsListen);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 9786), TeamdConfig.Parse("{\"metrics\": {\"listen\": \"[::1]:9786\"}}").MetricsListen);
    }

    [Theory]
    [InlineData("{\"metrics\": {\"listen\": \"localhost:9786\"}}", "metrics.listen: \"localhost:9786\" is not an address and port (expected ADDRESS:PORT")]
    [InlineData("{\"metrics\": {\"listen\": 9786}}", "metrics.listen: 9786 is not a string")]
    [InlineData("{\"metrics\": \"127.0.0.1:9786\"}", "metrics: \"127.0.0.1:9786\" is not an object (expected {\"listen\": \"ADDRESS:PORT\"})")]
    public void ABadValueIsAConfigErrorNamingTheKeyAndTheValue(string json, string message)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => TeamdConfig.Parse(json));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownKeyUnderMetricsIsAWarning() =>
        Assert.Contains(TeamdConfig.Parse("{\"metrics\": {\"port\": 1}}").Warnings, w => w == "metrics.port: unknown key (expected one of listen)");

    [Fact]
    public void TheCommandLineOptionTakesAValue()
    {
        CommandLine cl = CommandLine.Parse(["--metrics-listen", "[::1]:9786", "-t", "team0"], out string? error);
        Assert.Null(error);
        Assert.Equal("[::1]:9786", cl.MetricsListen);
        Assert.Equal("127.0.0.1:1", CommandLine.Parse(["--metrics-listen=127.0.0.1:1"], out _).MetricsListen);
        CommandLine.Parse(["--metrics-listen"], out error);
        Assert.Equal("option '--metrics-listen' requires an argument", error);
        Assert.Contains("--metrics-listen=ADDR:PORT", CommandLine.HelpText, StringComparison.Ordinal);
    }
}
