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

    /// <summary>
    /// How long the data plane thread keeps polling after the last frame before it sleeps (0 = never poll).
    /// A sleeping thread's wake-up costs about 70 us per hop on a virtual CPU, so polling trades CPU time
    /// for latency: a request/response exchange within the window pays no wake-up. Default 2000 us.
    /// </summary>
    public int BusyPollMicroseconds { get; init; } = 2000;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Seeds the random mode and the random team MAC; null draws from the system.</summary>
    public Random? Random { get; init; }
}
