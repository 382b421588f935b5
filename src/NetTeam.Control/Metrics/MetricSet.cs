namespace NetTeam.Control.Metrics;

/// <summary>
/// The families of one scrape, in the order they were first declared. Declaring a name again returns the same
/// family (the same HELP and TYPE required), so samples added at different places still come out as one group.
/// </summary>
public sealed class MetricSet
{
    private readonly List<MetricFamily> _families = [];
    private readonly Dictionary<string, MetricFamily> _byName = new(StringComparer.Ordinal);

    public IReadOnlyList<MetricFamily> Families => _families;

    public MetricFamily Counter(string name, string help) => Declare(name, help, MetricType.Counter);

    public MetricFamily Gauge(string name, string help) => Declare(name, help, MetricType.Gauge);

    public MetricFamily Declare(string name, string help, MetricType type)
    {
        if (_byName.TryGetValue(name, out MetricFamily? known))
        {
            if (known.Type != type || known.Help != help)
            {
                throw new InvalidOperationException($"{name} is declared twice with a different HELP or TYPE.");
            }
            return known;
        }
        MetricFamily family = new(name, help, type);
        _families.Add(family);
        _byName.Add(name, family);
        return family;
    }

    public string ToText() => ExpositionWriter.Write(this);
}
