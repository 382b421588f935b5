using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Modes;

/// <summary>random: a uniformly random enabled port (Linux team_mode_random.c).</summary>
internal sealed class RandomMode : TeamMode
{
    public override string Name => TeamModeNames.Random;

    public override ModeKind Kind => ModeKind.Random;
}
