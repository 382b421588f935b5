using System.Globalization;
using System.Text;

namespace NetTeam.Control.Metrics;

/// <summary>
/// Writes metrics in Prometheus' text exposition format 0.0.4 (Prometheus docs, "Exposition formats",
/// "Text-based format"): per family a <c># HELP</c> line (backslash and line feed escaped), a <c># TYPE</c> line,
/// then its samples, <c>name{label="value",...} value</c>, with backslash, double quote and line feed escaped in
/// label values, values in Go's float syntax (<c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>), no timestamps, lines ended by
/// <c>\n</c>. Served as <c>text/plain; version=0.0.4</c> (<see cref="ContentType"/>).
/// <para>
/// Hand-written rather than a library, after trying both candidates in a Native AOT build (2026-12-02, .NET 10,
/// linux-x64): prometheus-net 8.2.1 published without trim warnings but added about 6 MB to the binary (its
/// HttpListener server and Microsoft.Extensions.Http), needs NU1603 exempted from warnings-as-errors, and its
/// static registry woke the thread pool and a .NET timer about once a second at idle even with no default metrics
/// wanted; System.Diagnostics.Metrics with OpenTelemetry's Prometheus exporter (1.21.0 with the 1.20.1-beta.1
/// HttpListener exporter, a pre-release) added about 7 MB, had the same timer wake-ups, and renames what it
/// exports (unit suffixes, an otel_scope_name label, target_info). netteamd's idle goal is at most 0.2% of a
/// core, and its values live on the control loop and are read there on each scrape anyway, so a registry of
/// instruments would only copy them. This writer is the part of those libraries NetTeam needs.
/// </para>
/// </summary>
public static class ExpositionWriter
{
    /// <summary>The Content-Type of the text format (Prometheus docs, "Exposition formats").</summary>
    public const string ContentType = "text/plain; version=0.0.4";

    public static string Write(MetricSet metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        StringBuilder sb = new();
        foreach (MetricFamily family in metrics.Families)
        {
            WriteFamily(sb, family);
        }
        return sb.ToString();
    }

    private static void WriteFamily(StringBuilder sb, MetricFamily family)
    {
        sb.Append("# HELP ").Append(family.Name).Append(' ');
        foreach (char c in family.Help)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '\n' => sb.Append(@"\n"),
                _ => sb.Append(c),
            };
        }
        sb.Append('\n');
        sb.Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type == MetricType.Counter ? "counter" : "gauge").Append('\n');
        foreach (MetricSample sample in family.Samples)
        {
            sb.Append(family.Name);
            if (sample.Labels.Count > 0)
            {
                sb.Append('{');
                for (int i = 0; i < sample.Labels.Count; i++)
                {
                    sb.Append(i == 0 ? string.Empty : ",").Append(sample.Labels[i].Key).Append("=\"");
                    AppendLabelValue(sb, sample.Labels[i].Value);
                    sb.Append('"');
                }
                sb.Append('}');
            }
            sb.Append(' ').Append(FormatValue(sample.Value)).Append('\n');
        }
    }

    private static void AppendLabelValue(StringBuilder sb, string value)
    {
        foreach (char c in value)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '"' => sb.Append("\\\""),
                '\n' => sb.Append(@"\n"),
                _ => sb.Append(c),
            };
        }
    }

    /// <summary>A value as Go's ParseFloat reads it: integers without a fraction, others round-trip ("R"), and the specials.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ when Math.Abs(value) < 1e15 && value == Math.Floor(value) => ((long)value).ToString(CultureInfo.InvariantCulture),
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
