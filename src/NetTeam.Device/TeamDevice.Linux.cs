using Microsoft.Extensions.Logging;
using NetTeam.Device.Linux;
using NetTeam.Interop;

namespace NetTeam.Device;

/// <summary>The team on Linux: creation (by <see cref="LinuxTeamBuilder"/>), the link monitor and the namespace.</summary>
public sealed partial class TeamDevice
{
    private LinkMonitor? _monitor;
    private NamespaceContext? _namespace;

    /// <summary>
    /// Creates a team on Linux: a TAP as the team interface, rtnetlink for the ports, a link monitor for
    /// carrier and MTU events, and the data plane the options choose. Throws <see cref="TeamException"/>
    /// with the errno when the system refuses.
    /// </summary>
    public static TeamDevice Create(TeamCreateOptions options, ILoggerFactory? loggerFactory = null) =>
        LinuxTeamBuilder.Create(options, loggerFactory);

    /// <summary>Links the Linux resources to the device once it exists (on its control thread).</summary>
    internal void AttachLinux(NamespaceContext ns, LinkMonitor monitor)
    {
        _namespace = ns;
        _monitor = monitor;
        ProcessExitRestore.Track(this);
    }

    /// <summary>Data plane diagnostics for tests: bytes allocated by the data plane thread and its wake-ups.</summary>
    internal (long AllocatedBytes, long Loops) DataPlaneAllocations
    {
        get
        {
            DataPlane.DataPlaneDiagnostics d = _dataPlane.Diagnostics;
            return (d.AllocatedBytes, d.Wakeups);
        }
    }

    /// <summary>Makes the userspace data plane's thread fail as an epoll error would (the test that it dies loudly).</summary>
    internal void FailDataPlaneForTest() => ((DataPlane.Userspace.UserspaceDataPlane)_dataPlane).FailForTest();

    private void StopMonitor() => _monitor?.Dispose();

    private void DisposeLinux()
    {
        ProcessExitRestore.Untrack(this);
        _namespace?.Dispose();
    }
}
