using System.Text;

namespace NetTeam.Control.Metrics;

/// <summary>
/// One metric family: a name, its HELP text, its TYPE and its samples, written as one group (Prometheus docs,
/// "Exposition formats": all lines of a metric are one group, HELP and TYPE first). Names follow the data model's
/// rules (metric <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>, label <c>[a-zA-Z_][a-zA-Z0-9_]*</c>, no label starting with
/// <c>__</c>) and Prometheus' naming conventions for counters (<c>_total</c>); a label set appears once.
/// </summary>
public sealed class MetricFamily
{
    private readonly List<MetricSample> _samples = [];
    private readonly HashSet<string> _labelSets = new(StringComparer.Ordinal);

    public MetricFamily(string name, string help, MetricType type)
    {
        ArgumentNullException.ThrowIfNull(help);
        if (!IsMetricName(name))
        {
            throw new ArgumentException($"\"{name}\" is not a metric name (expected [a-zA-Z_:][a-zA-Z0-9_:]*).", nameof(name));
        }
        if (type == MetricType.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The counter \"{name}\" does not end in _total (Prometheus naming conventions).", nameof(name));
        }
        Name = name;
        Help = help;
        Type = type;
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public IReadOnlyList<MetricSample> Samples => _samples;

    /// <summary>Adds a sample; <paramref name="labels"/> are name, value pairs in turn ("team", "team0", "port", "eth0").</summary>
    public MetricFamily Add(double value, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length % 2 != 0)
        {
            throw new ArgumentException("Labels come in name, value pairs.", nameof(labels));
        }
        List<KeyValuePair<string, string>> pairs = new(labels.Length / 2);
        StringBuilder key = new();
        for (int i = 0; i < labels.Length; i += 2)
        {
            string label = labels[i];
            if (!IsLabelName(label) || pairs.Exists(p => p.Key == label))
            {
                throw new ArgumentException($"\"{label}\" is not a label name of {Name} (expected [a-zA-Z_][a-zA-Z0-9_]*, not starting with __, once).", nameof(labels));
            }
            ArgumentNullException.ThrowIfNull(labels[i + 1], nameof(labels));
            pairs.Add(new(label, labels[i + 1]));
            key.Append(label).Append('\0').Append(labels[i + 1]).Append('\0');
        }
        if (!_labelSets.Add(key.ToString()))
        {
            throw new InvalidOperationException($"{Name} already has a sample with the labels {string.Join(", ", pairs.Select(p => $"{p.Key}=\"{p.Value}\""))}.");
        }
        _samples.Add(new MetricSample(pairs, value));
        return this;
    }

    /// <summary>Adds a 0 or 1 sample (a state as a gauge).</summary>
    public MetricFamily Add(bool value, params string[] labels) => Add(value ? 1 : 0, labels);

    public static bool IsMetricName(string name) =>
        !string.IsNullOrEmpty(name) && IsNameStart(name[0], colon: true) && name.All(c => IsNameStart(c, colon: true) || char.IsAsciiDigit(c));

    public static bool IsLabelName(string name) =>
        !string.IsNullOrEmpty(name) && IsNameStart(name[0], colon: false) && name.All(c => IsNameStart(c, colon: false) || char.IsAsciiDigit(c))
        && !name.StartsWith("__", StringComparison.Ordinal);

    private static bool IsNameStart(char c, bool colon) => char.IsAsciiLetter(c) || c == '_' || (colon && c == ':');
}
