namespace NetTeam.Device.DataPlane;

/// <summary>Which data plane moves a team's frames.</summary>
public enum DataPlaneKind
{
    /// <summary>The best one this kernel and process allow.</summary>
    Auto,

    /// <summary>One epoll thread copying frames between the TAP and the ports' packet sockets.</summary>
    Userspace,
}
