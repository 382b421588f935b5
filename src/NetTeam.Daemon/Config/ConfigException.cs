namespace NetTeam.Daemon.Config;

/// <summary>A config error: names the key, the value and what was expected. Nothing starts.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
