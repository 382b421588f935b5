using Microsoft.Extensions.Logging;
using NetTeam.Device.DataPlane;
using NetTeam.Device.DataPlane.Ebpf;
using NetTeam.Device.DataPlane.Userspace;
using NetTeam.Interop;
using NetTeam.Interop.Bpf;

namespace NetTeam.Device.Linux;

/// <summary>
/// Chooses and builds the data plane a team asked for (<see cref="TeamCreateOptions.DataPlane"/>): eBPF
/// where the kernel has tcx and the process the privileges, else userspace for <c>auto</c>; an explicit
/// <c>ebpf</c> that cannot be had is refused with what is missing.
/// </summary>
internal static partial class DataPlaneFactory
{
    /// <summary>Builds the plane; the caller is in the team's network namespace.</summary>
    /// <param name="takingOver">The team interface was left by another daemon: a plane it pinned is taken over.</param>
    public static IDataPlane Create(TeamCreateOptions options, NamespaceContext ns, TapTeamInterface tap, ulong seed, bool takingOver, ILogger logger)
    {
        if (options.DataPlane == DataPlaneKind.Userspace)
        {
            if (takingOver && new PlanePins(ns.Inode, tap.Name).Exist)
            {
                // A predecessor's eBPF programs would take every frame before this plane sees it: off with them.
                EbpfDataPlane.RemovePinned(ns, tap.Name);
                LogFreshPlane(logger, tap.Name, "the userspace plane was asked for; the pinned eBPF plane is removed");
            }
            return new UserspaceDataPlane(ns, tap.Handle, seed, options.Userspace);
        }
        Errno err = TryEbpf(ns, tap, takingOver, logger, out EbpfDataPlane? ebpf, out string? why);
        if (err.IsSuccess && ebpf is not null)
        {
            LogChosen(logger, options.Name, "ebpf", ebpf.TakenOver is TeamSnapshot live
                ? $"took over the pinned plane, snapshot version {live.Version}"
                : options.DataPlane == DataPlaneKind.Auto ? "the kernel has tcx and the process may use bpf(2)" : "asked for");
            if (ebpf.PinWarning is string warning)
            {
                LogPinWarning(logger, options.Name, warning);
            }
            return ebpf;
        }
        if (options.DataPlane == DataPlaneKind.Ebpf)
        {
            throw new TeamException(err.IsSuccess ? Errno.EOPNOTSUPP : err, $"The eBPF data plane is not available: {why}.");
        }
        LogChosen(logger, options.Name, "userspace", $"the eBPF plane is not available: {why}");
        return new UserspaceDataPlane(ns, tap.Handle, seed, options.Userspace);
    }

    private static Errno TryEbpf(NamespaceContext ns, TapTeamInterface tap, bool takingOver, ILogger logger, out EbpfDataPlane? plane, out string? why)
    {
        // bpffs is where a later version pins the plane; mount it now if the system has not (ebpf-dataplane.md §1).
        Errno mounted = BpfFileSystem.EnsureMounted();
        if (!mounted.IsSuccess)
        {
            LogNoBpfFs(logger, mounted.Message);
        }
        if (takingOver)
        {
            Errno taken = EbpfDataPlane.TryTakeOver(ns, tap.IfIndex, tap.Name, out plane, out why);
            if (taken.IsSuccess)
            {
                return taken;
            }
            if (taken != Errno.ENOENT)
            {
                // Another version's layout, or links on other interfaces: start afresh, and say so.
                LogFreshPlane(logger, tap.Name, why ?? taken.Message);
            }
        }
        return EbpfDataPlane.TryCreate(ns, tap.IfIndex, tap.Name, out plane, out why);
    }

    [LoggerMessage(20, LogLevel.Information, "{Team}: data plane {Plane} ({Why})")]
    private static partial void LogChosen(ILogger logger, string team, string plane, string why);

    [LoggerMessage(22, LogLevel.Warning, "{Team}: the pinned eBPF plane is not taken over, a fresh one is loaded: {Why}")]
    private static partial void LogFreshPlane(ILogger logger, string team, string why);

    [LoggerMessage(23, LogLevel.Warning, "{Team}: {Warning}")]
    private static partial void LogPinWarning(ILogger logger, string team, string warning);

    [LoggerMessage(21, LogLevel.Warning, "bpffs could not be mounted at /sys/fs/bpf: {Error}")]
    private static partial void LogNoBpfFs(ILogger logger, string error);
}
