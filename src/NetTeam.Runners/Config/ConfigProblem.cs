namespace NetTeam.Runners.Config;

/// <summary>One problem in a config: its severity and the text, which starts with the key's path.</summary>
public readonly record struct ConfigProblem(ConfigSeverity Severity, string Message)
{
    /// <summary>"error: PATH: ..." or "warning: PATH: ...", as <c>netteamd --check-config</c> prints it.</summary>
    public override string ToString() => (Severity == ConfigSeverity.Error ? "error: " : "warning: ") + Message;
}
