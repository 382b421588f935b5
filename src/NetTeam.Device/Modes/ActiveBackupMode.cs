using NetTeam.Device.DataPlane;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.Modes;

/// <summary>
/// activebackup: only the active port sends and receives (Linux team_mode_activebackup.c). Port MACs are
/// left alone: the runner owns them (Kconfig: "Userspace is responsible to do so").
/// </summary>
internal sealed class ActiveBackupMode : TeamMode
{
    private TeamPort? _active;

    public override string Name => TeamModeNames.ActiveBackup;

    public override ModeKind Kind => ModeKind.ActiveBackup;

    public override bool PortsTakeTeamAddress => false;

    public override int ActiveSlot => _active?.Slot ?? -1;

    public override IEnumerable<TeamOptionDefinition> CreateOptions(IModeContext team)
    {
        yield return new TeamOptionDefinition(
            TeamOptionNames.ActivePort,
            TeamOptionType.U32,
            _ => OptionValue.FromU32((uint)(_active?.IfIndex ?? 0)),
            (_, value) =>
            {
                // ab_active_port_set: the ifindex must be a port, else -ENOENT.
                TeamPort? port = team.FindPort((int)value.AsU32);
                if (port is null)
                {
                    return TeamResult.Fail(Errno.ENOENT, $"activeport: ifindex {value.AsU32} is not a port of {team.Name}");
                }
                if (_active != port)
                {
                    _active = port;
                    team.TriggerPeerNotifications();
                }
                return TeamResult.Ok;
            });
    }

    public override void PortLeave(IModeContext team, TeamPort port)
    {
        if (_active == port)
        {
            // ab_port_leave clears the active port; the option changes with it.
            _active = null;
            team.MarkOptionChanged(TeamOptionNames.ActivePort);
        }
    }
}
