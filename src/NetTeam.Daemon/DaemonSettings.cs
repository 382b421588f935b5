namespace NetTeam.Daemon;

/// <summary>The command-line side of a daemon instance (teamd's flags), besides the config.</summary>
internal sealed record DaemonSettings
{
    public string PidFile { get; init; } = "/var/run/teamd/team0.pid";

    public bool Daemonized { get; init; }

    public int DebugLevel { get; init; }

    public bool NoPorts { get; init; }

    public bool NoQuitDestroy { get; init; }

    public bool TakeOver { get; init; }

    public bool ForceRecreate { get; init; }

    /// <summary>The data plane to use (--data-plane, else the config's data_plane).</summary>
    public Device.DataPlane.DataPlaneKind DataPlane { get; init; }
}
