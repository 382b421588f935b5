using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Modes;

/// <summary>The mode of a new team device, <c>*NOMODE*</c> (Linux team_core.c __team_no_mode): drops everything.</summary>
internal sealed class NoMode : TeamMode
{
    public const string ModeName = "*NOMODE*";

    public override string Name => ModeName;

    public override ModeKind Kind => ModeKind.None;

    public override bool PortsTakeTeamAddress => false;
}
