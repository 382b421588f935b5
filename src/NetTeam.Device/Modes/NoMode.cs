using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Modes;

/// <summary>The mode of a new team device, <c>*NOMODE*</c> (Linux team_core.c __team_no_mode): drops everything.</summary>
internal sealed class NoMode : TeamMode
{
    public override string Name => TeamModeNames.None;

    public override ModeKind Kind => ModeKind.None;

    public override bool PortsTakeTeamAddress => false;
}
