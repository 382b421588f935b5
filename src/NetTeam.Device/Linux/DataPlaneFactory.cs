using NetTeam.Device.DataPlane;
using NetTeam.Device.DataPlane.Userspace;

namespace NetTeam.Device.Linux;

/// <summary>Chooses and builds the data plane a team asked for (<see cref="TeamCreateOptions.DataPlane"/>).</summary>
internal static class DataPlaneFactory
{
    /// <summary>Builds the plane; the caller is in the team's network namespace.</summary>
    public static IDataPlane Create(TeamCreateOptions options, NamespaceContext ns, TapTeamInterface tap, ulong seed) => options.DataPlane switch
    {
        DataPlaneKind.Auto or DataPlaneKind.Userspace => new UserspaceDataPlane(ns, tap.Handle, seed, options.Userspace),
        _ => throw new TeamException(Interop.Errno.EINVAL, $"Unknown data plane {options.DataPlane}."),
    };
}
