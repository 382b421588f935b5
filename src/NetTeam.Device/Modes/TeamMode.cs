using NetTeam.Device.DataPlane;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;

namespace NetTeam.Device.Modes;

/// <summary>
/// A team mode's control side, after the kernel's struct team_mode_ops (Linux include/linux/if_team.h):
/// its options, port enter/leave hooks and what it contributes to the data plane snapshot. The per-frame
/// decisions live in <see cref="FramePath"/> (and the eBPF programs generated from it) so both data planes
/// share them; the mode is registered in <see cref="TeamModeDescriptor.All"/>.
/// </summary>
internal abstract class TeamMode
{
    public abstract string Name { get; }

    public abstract ModeKind Kind { get; }

    /// <summary>Whether port enter sets the port's MAC to the team's (team_modeop_port_enter; Kconfig help texts).</summary>
    public virtual bool PortsTakeTeamAddress => true;

    /// <summary>Team-scope and per-port options the mode registers, in registration order.</summary>
    public virtual IEnumerable<TeamOptionDefinition> CreateOptions(IModeContext team) => [];

    public virtual void PortEnter(IModeContext team, TeamPort port)
    {
    }

    public virtual void PortLeave(IModeContext team, TeamPort port)
    {
    }

    public virtual void PortDisabled(IModeContext team, TeamPort port)
    {
    }

    public virtual int ActiveSlot => -1;

    public virtual LbTxMethod TxMethod => LbTxMethod.Hash;

    public virtual HashFragments Fragments => HashFragments.Default;

    /// <summary>Writes the hash_to_port_mapping table (slot per bucket, -1 unmapped) into the snapshot.</summary>
    public virtual void WriteHashToSlot(Span<sbyte> destination) => destination.Fill(-1);

    /// <summary>
    /// How often the team's periodic work runs in this mode: once a second (the multicast list, which changes
    /// without a link event), more often only where the mode needs it, so an idle team sleeps.
    /// </summary>
    public virtual TimeSpan TickInterval => TimeSpan.FromSeconds(1);

    /// <summary>The team's periodic work (lb stats refresh), on the control thread.</summary>
    public virtual void Tick(IModeContext team, TimeSpan now)
    {
    }
}
