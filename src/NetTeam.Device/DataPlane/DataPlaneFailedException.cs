namespace NetTeam.Device.DataPlane;

/// <summary>The data plane's thread ended with an error: the team forwards nothing and must be torn down.</summary>
public sealed class DataPlaneFailedException : Exception
{
    public DataPlaneFailedException()
    {
    }

    public DataPlaneFailedException(string message)
        : base(message)
    {
    }

    public DataPlaneFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
