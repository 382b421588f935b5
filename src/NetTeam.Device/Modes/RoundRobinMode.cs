using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Modes;

/// <summary>roundrobin: the enabled ports in turn (Linux team_mode_roundrobin.c).</summary>
internal sealed class RoundRobinMode : TeamMode
{
    public override string Name => TeamModeNames.RoundRobin;

    public override ModeKind Kind => ModeKind.RoundRobin;
}
