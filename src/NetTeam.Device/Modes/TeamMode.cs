using NetTeam.Device.DataPlane;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;

namespace NetTeam.Device.Modes;

/// <summary>
/// A team mode's control side, after the kernel's struct team_mode_ops (Linux include/linux/if_team.h):
/// its options, port enter/leave hooks and what it contributes to the data plane snapshot. The per-frame
/// decisions themselves live in <see cref="FramePath"/> so both data planes share them.
/// </summary>
internal abstract class TeamMode
{
    public abstract string Name { get; }

    public abstract ModeKind Kind { get; }

    /// <summary>Whether port enter sets the port's MAC to the team's (team_modeop_port_enter; Kconfig help texts).</summary>
    public virtual bool PortsTakeTeamAddress => true;

    /// <summary>Team-scope and per-port options the mode registers, in registration order.</summary>
    public virtual IEnumerable<TeamOptionDefinition> CreateOptions(TeamDevice team) => [];

    public virtual void PortEnter(TeamDevice team, TeamPort port)
    {
    }

    public virtual void PortLeave(TeamDevice team, TeamPort port)
    {
    }

    public virtual void PortDisabled(TeamDevice team, TeamPort port)
    {
    }

    public virtual void Exit(TeamDevice team)
    {
    }

    public virtual int ActiveSlot => -1;

    public virtual LbTxMethod TxMethod => LbTxMethod.Hash;

    public virtual HashFragments Fragments => HashFragments.Default;

    public virtual short[]? HashToSlot => null;

    /// <summary>Called by the team's periodic work (lb stats refresh); returns true when options changed.</summary>
    public virtual void Tick(TeamDevice team, TimeSpan now)
    {
    }

    public static TeamMode? Create(string name) => name switch
    {
        "broadcast" => new BroadcastMode(),
        "roundrobin" => new RoundRobinMode(),
        "random" => new RandomMode(),
        "activebackup" => new ActiveBackupMode(),
        "loadbalance" => new LoadBalanceMode(),
        _ => null,
    };

    public static IReadOnlyList<string> Names { get; } = ["broadcast", "roundrobin", "random", "activebackup", "loadbalance"];
}
