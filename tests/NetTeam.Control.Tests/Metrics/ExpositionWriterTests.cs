using NetTeam.Control.Metrics;

namespace NetTeam.Control.Tests.Metrics;

/// <summary>The text exposition format 0.0.4 as Prometheus' docs ("Exposition formats") define it, checked by promtool too.</summary>
public class ExpositionWriterTests
{
    [Fact]
    public void EachFamilyIsHelpThenTypeThenItsSamples()
    {
        MetricSet m = new();
        m.Gauge("netteam_team_carrier", "Whether the team has carrier.").Add(1, "team", "team0");
        m.Counter("netteam_team_failovers_total", "Failovers.").Add(3, "team", "team0");
        Assert.Equal(
            "# HELP netteam_team_carrier Whether the team has carrier.\n" +
            "# TYPE netteam_team_carrier gauge\n" +
            "netteam_team_carrier{team=\"team0\"} 1\n" +
            "# HELP netteam_team_failovers_total Failovers.\n" +
            "# TYPE netteam_team_failovers_total counter\n" +
            "netteam_team_failovers_total{team=\"team0\"} 3\n",
            m.ToText());
    }

    [Fact]
    public void FamiliesKeepTheirOrderAndSamplesAddedLaterStayInTheirGroup()
    {
        MetricSet m = new();
        m.Gauge("netteam_b", "B.").Add(1, "port", "eth1");
        m.Gauge("netteam_a", "A.").Add(2, "port", "eth0");
        // Declared again later (a second port's loop): the same family, its samples written with the first.
        m.Gauge("netteam_b", "B.").Add(3, "port", "eth0");
        m.Gauge("netteam_empty", "No samples yet.");
        Assert.Equal(
            "# HELP netteam_b B.\n# TYPE netteam_b gauge\nnetteam_b{port=\"eth1\"} 1\nnetteam_b{port=\"eth0\"} 3\n" +
            "# HELP netteam_a A.\n# TYPE netteam_a gauge\nnetteam_a{port=\"eth0\"} 2\n" +
            "# HELP netteam_empty No samples yet.\n# TYPE netteam_empty gauge\n",
            m.ToText());
        Assert.Throws<InvalidOperationException>(() => m.Counter("netteam_b_total", "B.").Add(1).Add(1));
        Assert.Throws<InvalidOperationException>(() => m.Gauge("netteam_a", "Another help."));
    }

    [Fact]
    public void LabelValuesEscapeBackslashQuoteAndLineFeedAndHelpEscapesBackslashAndLineFeed()
    {
        MetricSet m = new();
        m.Gauge("netteam_x", "Help with a \\ backslash,\na line feed and \"quotes\".").Add(1, "port", "a\\b\"c\nd", "plain", "é ü {}=,");
        string text = m.ToText();
        Assert.Equal(
            "# HELP netteam_x Help with a \\\\ backslash,\\na line feed and \"quotes\".\n" +
            "# TYPE netteam_x gauge\n" +
            "netteam_x{port=\"a\\\\b\\\"c\\nd\",plain=\"é ü {}=,\"} 1\n",
            text);
        (int code, string output) = Promtool.CheckMetrics(text);
        Assert.True(code == 0, output);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(-3, "-3")]
    [InlineData(1796219126, "1796219126")]
    [InlineData(0.004769, "0.004769")]
    [InlineData(1796219126.571, "1796219126.571")]
    [InlineData(1e20, "1E+20")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void ValuesAreWrittenAsGoParsesFloats(double value, string text) => Assert.Equal(text, ExpositionWriter.FormatValue(value));

    [Theory]
    [InlineData("9lives")]
    [InlineData("netteam-port")]
    [InlineData("")]
    [InlineData("netteam port")]
    public void BadMetricNamesAreRefused(string name) =>
        Assert.Throws<ArgumentException>(() => new MetricSet().Gauge(name, "x"));

    [Theory]
    [InlineData("__reserved")]
    [InlineData("a:b")]
    [InlineData("1port")]
    [InlineData("")]
    public void BadLabelNamesAreRefused(string label) =>
        Assert.Throws<ArgumentException>(() => new MetricSet().Gauge("netteam_x", "x").Add(1, label, "v"));

    [Fact]
    public void ACounterMustEndInTotalAndALabelAppearsOnce()
    {
        Assert.Throws<ArgumentException>(() => new MetricSet().Counter("netteam_failovers", "x"));
        Assert.Throws<ArgumentException>(() => new MetricSet().Gauge("netteam_x", "x").Add(1, "team", "a", "team", "b"));
        Assert.Throws<ArgumentException>(() => new MetricSet().Gauge("netteam_x", "x").Add(1, "team"));
    }

    [Fact]
    public void ATypicalScrapePassesPromtool()
    {
        MetricSet m = new();
        m.Gauge("netteam_build_info", "NetTeam's build.").Add(1, "version", "0.1.0");
        m.Gauge("netteam_daemon_start_time_seconds", "Start time.").Add(1796219126.571);
        MetricFamily rx = m.Counter("netteam_port_receive_bytes_total", "Bytes received.");
        rx.Add(912, "team", "team0", "port", "eth0").Add(0, "team", "team0", "port", "eth1");
        m.Counter("netteam_control_requests_total", "Requests, none yet.");
        m.Gauge("netteam_team_last_failover_duration_seconds", "Duration.").Add(0.004769, "team", "team0");
        (int code, string output) = Promtool.CheckMetrics(m.ToText());
        Assert.True(code == 0, output);
    }
}
