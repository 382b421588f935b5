namespace NetTeam.Runners.Config;

/// <summary>
/// Every problem found in one config, in the order found: a check goes on after a problem, so that
/// <c>netteamd --check-config</c> reports them all at once. With <see cref="Strict"/> (<c>--strict</c>) a
/// warning is recorded as an error.
/// </summary>
public sealed class ConfigProblems
{
    private readonly List<ConfigProblem> _all = [];

    public ConfigProblems(bool strict = false) => Strict = strict;

    public bool Strict { get; }

    public IReadOnlyList<ConfigProblem> All => _all;

    public bool HasErrors => _all.Exists(p => p.Severity == ConfigSeverity.Error);

    public IEnumerable<string> Errors => _all.Where(p => p.Severity == ConfigSeverity.Error).Select(p => p.Message);

    public IEnumerable<string> Warnings => _all.Where(p => p.Severity == ConfigSeverity.Warning).Select(p => p.Message);

    /// <summary>Records an error; null (a check that passed) records nothing.</summary>
    public void Error(string? message)
    {
        if (message is not null)
        {
            _all.Add(new ConfigProblem(ConfigSeverity.Error, message));
        }
    }

    /// <summary>Records a warning, or an error when strict; null records nothing.</summary>
    public void Warning(string? message)
    {
        if (message is not null)
        {
            _all.Add(new ConfigProblem(Strict ? ConfigSeverity.Error : ConfigSeverity.Warning, message));
        }
    }
}
