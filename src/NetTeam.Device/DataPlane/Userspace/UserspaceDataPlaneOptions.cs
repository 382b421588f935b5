namespace NetTeam.Device.DataPlane.Userspace;

/// <summary>Settings of the userspace data plane.</summary>
public sealed record UserspaceDataPlaneOptions
{
    /// <summary>
    /// How long the data plane thread keeps polling after the last frame before it sleeps (0 = never poll).
    /// A sleeping thread's wake-up costs about 70 us per hop on a virtual CPU, so polling trades CPU time
    /// for latency: a request/response exchange within the window pays no wake-up. Default 2000 us.
    /// </summary>
    public int BusyPollMicroseconds { get; init; } = 2000;
}
