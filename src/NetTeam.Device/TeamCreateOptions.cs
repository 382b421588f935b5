using NetTeam.Device.DataPlane;
using NetTeam.Device.DataPlane.Userspace;
using NetTeam.Device.Threading;
using NetTeam.Interop;

namespace NetTeam.Device;

/// <summary>How to create a team device.</summary>
public sealed record TeamCreateOptions
{
    /// <summary>The team interface's name, e.g. team0.</summary>
    public required string Name { get; init; }

    /// <summary>The team MAC; a random locally administered unicast address when null (eth_hw_addr_random).</summary>
    public MacAddress? Address { get; init; }

    public int? Mtu { get; init; }

    /// <summary>The mode to set right away; null leaves the kernel default *NOMODE*.</summary>
    public string? Mode { get; init; }

    /// <summary>A named network namespace (/run/netns/NAME) to create the team in; null for the caller's own.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>Keep the TAP after exit (TUNSETPERSIST), so a restarted daemon can take the team over.</summary>
    public bool Persist { get; init; }

    /// <summary>Adopt an existing team interface of this name (a persistent TAP left by -N): teamd's -o.</summary>
    public bool TakeOver { get; init; }

    /// <summary>Delete an existing interface of this name first: teamd's -r.</summary>
    public bool Recreate { get; init; }

    /// <summary>Bring the team interface up once created.</summary>
    public bool Up { get; init; }

    /// <summary>Where port locks live (one per port, shared by every NetTeam process).</summary>
    public string LockDirectory { get; init; } = Linux.PortLockFile.DefaultDirectory;

    /// <summary>Which data plane moves the frames.</summary>
    public DataPlaneKind DataPlane { get; init; } = DataPlaneKind.Auto;

    /// <summary>Settings of the userspace data plane, when it is the one.</summary>
    public UserspaceDataPlaneOptions Userspace { get; init; } = new();

    /// <summary>
    /// The control thread the team's state belongs to, shared with its policy (netteamd's runners); null
    /// gives the team a loop of its own.
    /// </summary>
    public ControlLoop? ControlLoop { get; init; }

    /// <summary>The clock and the timers; null takes the control loop's (timers that fire on its thread).</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Seeds the random mode and the random team MAC; null draws from the system.</summary>
    public Random? Random { get; init; }

    /// <summary>The link monitor's receive buffer; a test makes it tiny so that a burst of link changes overruns it (ENOBUFS).</summary>
    internal int LinkMonitorReceiveBuffer { get; init; } = Interop.LinkMonitor.DefaultReceiveBuffer;
}
