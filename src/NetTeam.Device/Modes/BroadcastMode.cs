using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Modes;

/// <summary>broadcast: every frame on every txable port (Linux team_mode_broadcast.c).</summary>
internal sealed class BroadcastMode : TeamMode
{
    public override string Name => TeamModeNames.Broadcast;

    public override ModeKind Kind => ModeKind.Broadcast;
}
