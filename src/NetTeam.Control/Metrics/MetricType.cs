namespace NetTeam.Control.Metrics;

/// <summary>
/// The metric types of Prometheus' text exposition format 0.0.4 that NetTeam writes (the TYPE line; Prometheus
/// docs, "Exposition formats", "Text-based format"). An info metric is a gauge whose value is 1 and whose labels
/// carry the information (Prometheus docs, "Writing exporters", and node_exporter's *_info metrics).
/// </summary>
public enum MetricType
{
    Counter,
    Gauge,
}
