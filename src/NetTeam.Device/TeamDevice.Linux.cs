using Microsoft.Extensions.Logging;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Linux;
using NetTeam.Interop;

namespace NetTeam.Device;

public sealed partial class TeamDevice
{
    private static readonly List<TeamDevice> s_live = [];
    private static bool s_hooked;
    private LinkMonitor? _monitor;
    private NamespaceContext? _namespace;

    /// <summary>
    /// Every live team is disposed, its ports restored, when the process exits normally, on SIGTERM (which
    /// .NET turns into ProcessExit) and on an unhandled exception: a port is never left half-configured.
    /// </summary>
    private static void Track(TeamDevice team)
    {
        lock (s_live)
        {
            s_live.Add(team);
            if (!s_hooked)
            {
                s_hooked = true;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAll();
                AppDomain.CurrentDomain.UnhandledException += (_, _) => DisposeAll();
            }
        }
    }

    private static void Untrack(TeamDevice team)
    {
        lock (s_live)
        {
            s_live.Remove(team);
        }
    }

    private static void DisposeAll()
    {
        TeamDevice[] teams;
        lock (s_live)
        {
            teams = [.. s_live];
        }
        foreach (TeamDevice team in teams)
        {
            team.Dispose();
        }
    }

    /// <summary>
    /// Creates a team on Linux: a TAP as the team interface, rtnetlink for the ports, a link monitor for
    /// carrier and MTU events, and the userspace data plane. Throws <see cref="TeamException"/> with the
    /// errno when the system refuses.
    /// </summary>
    public static TeamDevice Create(TeamCreateOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Name.Length is 0 or > 15)
        {
            throw new TeamException(Errno.EINVAL, $"Team name \"{options.Name}\" must be 1 to 15 characters (IFNAMSIZ).");
        }
        Random random = options.Random ?? Random.Shared;
        NamespaceContext ns = NamespaceContext.Open(options.NetworkNamespace);
        LinuxLinkBackend? links = null;
        TapTeamInterface? tap = null;
        UserspaceDataPlane? dataPlane = null;
        try
        {
            links = new LinuxLinkBackend(ns, options.LockDirectory);
            using (ns.Enter())
            {
                Errno err = Rtnetlink.Open(out Rtnetlink? rtnl);
                if (!err.IsSuccess || rtnl is null)
                {
                    throw new TeamException(err, $"Cannot open rtnetlink: {err.Message}.");
                }
                using (rtnl)
                {
                    if (rtnl.GetLink(options.Name, out LinkInfo? existing).IsSuccess && existing is not null)
                    {
                        if (options.Recreate)
                        {
                            Require(rtnl.DeleteLink(existing.Index), $"delete the existing {options.Name}");
                        }
                        else if (!options.TakeOver || existing.Kind != "tun")
                        {
                            throw new TeamException(Errno.EEXIST, options.TakeOver
                                ? $"Device {options.Name} exists and is not a NetTeam team interface; it cannot be taken over."
                                : $"Device {options.Name} already exists (take it over with -o, or recreate it with -r).");
                        }
                    }
                    tap = TapTeamInterface.Open(options.Name, options.Persist, rtnl);
                    MacAddress mac = options.Address ?? MacAddress.Random(random);
                    Require(rtnl.SetAddress(tap.IfIndex, mac), $"set the team address {mac}");
                    if (options.Mtu is int mtu)
                    {
                        Require(rtnl.SetMtu(tap.IfIndex, mtu), $"set the team MTU {mtu}");
                    }
                    if (options.Up)
                    {
                        Require(rtnl.SetUp(tap.IfIndex, true), "bring the team up");
                    }
                }
                dataPlane = new UserspaceDataPlane(ns, tap.Handle, (ulong)random.NextInt64(), options.BusyPollMicroseconds);
            }
            ILogger logger = loggerFactory?.CreateLogger("NetTeam.Device") ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
            TeamDevice team = new(tap, links, dataPlane, options.TimeProvider, logger) { _namespace = ns };
            // Off the data plane thread at once: the device takes its lock and asks rtnetlink.
            dataPlane.CarrierChanged = slot => ThreadPool.UnsafeQueueUserWorkItem(team.OnCarrierSampled, slot, preferLocal: false);
            Track(team);
            using (ns.Enter())
            {
                Errno err = LinkMonitor.Start(team.OnLinkEvent, out LinkMonitor? monitor);
                if (!err.IsSuccess)
                {
                    team.Dispose();
                    throw new TeamException(err, $"Cannot watch link events: {err.Message}.");
                }
                team._monitor = monitor;
            }
            if (options.Mode is string mode)
            {
                try
                {
                    team.SetOption("mode", OptionsText(mode));
                }
                catch
                {
                    team.Dispose();
                    throw;
                }
            }
            return team;
        }
        catch when (tap is null || dataPlane is null)
        {
            dataPlane?.Dispose();
            tap?.Dispose();
            links?.Dispose();
            ns.Dispose();
            throw;
        }

        static void Require(Errno e, string what)
        {
            if (!e.IsSuccess)
            {
                throw new TeamException(e, $"Could not {what}: {e.Message}.");
            }
        }
    }

    private static Options.OptionValue OptionsText(string mode) => Options.OptionValue.FromString(mode);

    /// <summary>Data plane diagnostics for tests: bytes allocated by the data plane thread and its wake-ups.</summary>
    internal (long AllocatedBytes, long Loops) DataPlaneAllocations =>
        _dataPlane is UserspaceDataPlane u ? (u.AllocatedBytes, u.Loops) : (0, 0);

    private void DisposeLinux()
    {
        Untrack(this);
        _namespace?.Dispose();
    }
}
