namespace NetTeam.Runners.Config;

/// <summary>How bad a config problem is: a warning lets the config load (as teamd accepts it), an error refuses it.</summary>
public enum ConfigSeverity
{
    Warning,
    Error,
}
