namespace NetTeam.Control.Metrics;

/// <summary>
/// One sample of a family: its label pairs, in the order written, and its value. Names are checked by
/// <see cref="MetricFamily.Add(double, string[])"/>; values are escaped only when written.
/// </summary>
public sealed record MetricSample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value);
