using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Modes;

/// <summary>
/// One mode as the kernel registers it (struct team_mode: kind, owner, ops): its name, the per-frame
/// behaviour the data planes implement for its <see cref="ModeKind"/>, and how to make its control side.
/// </summary>
internal sealed record TeamModeDescriptor(string Name, ModeKind Kind, Func<TeamMode> Create)
{
    /// <summary>Every mode, in the kernel's registration order.</summary>
    public static IReadOnlyList<TeamModeDescriptor> All { get; } =
    [
        new(TeamModeNames.Broadcast, ModeKind.Broadcast, () => new BroadcastMode()),
        new(TeamModeNames.RoundRobin, ModeKind.RoundRobin, () => new RoundRobinMode()),
        new(TeamModeNames.Random, ModeKind.Random, () => new RandomMode()),
        new(TeamModeNames.ActiveBackup, ModeKind.ActiveBackup, () => new ActiveBackupMode()),
        new(TeamModeNames.LoadBalance, ModeKind.LoadBalance, () => new LoadBalanceMode()),
    ];

    public static TeamModeDescriptor? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    public static string NameList => string.Join(", ", All.Select(d => d.Name));
}
