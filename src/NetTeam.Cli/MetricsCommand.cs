namespace NetTeam.Cli;

/// <summary>
/// `netteamctl TEAM metrics`: the daemon's metrics in Prometheus' text exposition format, as netteamd serves
/// them over HTTP, for node_exporter's textfile collector (write to a temporary file in its directory, then
/// rename it to NAME.prom, so the collector never reads half a file: node_exporter's README, "Textfile Collector").
/// </summary>
internal static class MetricsCommand
{
    public static int Run(CtlContext c, string[] operands)
    {
        c.Stdout.Write(c.Client.GetMetrics());
        return 0;
    }
}
