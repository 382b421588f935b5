using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Options;
using NetTeam.Device.Threading;
using NetTeam.Interop;

namespace NetTeam.Device.Linux;

/// <summary>
/// Builds a team on Linux, on its control thread: the namespace, rtnetlink, the TAP (created, taken over or
/// recreated), the data plane, the device, the link monitor and the mode. Whatever was made is closed again
/// when a later step fails.
/// </summary>
internal static partial class LinuxTeamBuilder
{
    public static TeamDevice Create(TeamCreateOptions options, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Name.Length is 0 or > 15)
        {
            throw new TeamException(Errno.EINVAL, $"Team name \"{options.Name}\" must be 1 to 15 characters (IFNAMSIZ).");
        }
        ILogger logger = loggerFactory?.CreateLogger("NetTeam.Device") ?? (ILogger)NullLogger.Instance;
        ControlLoop loop = options.ControlLoop ?? ControlLoop.Start($"netteam-{options.Name}", logger);
        bool ownsLoop = options.ControlLoop is null;
        try
        {
            return loop.Invoke(() => CreateOnLoop(options, logger, loop, ownsLoop));
        }
        catch
        {
            if (ownsLoop)
            {
                loop.Dispose();
            }
            throw;
        }
    }

    private static TeamDevice CreateOnLoop(TeamCreateOptions options, ILogger logger, ControlLoop loop, bool ownsLoop)
    {
        Random random = options.Random ?? Random.Shared;
        NamespaceContext ns = NamespaceContext.Open(options.NetworkNamespace);
        LinuxLinkBackend? links = null;
        TapTeamInterface? tap = null;
        IDataPlane? dataPlane = null;
        bool takingOver = false;
        try
        {
            links = new LinuxLinkBackend(ns, options.LockDirectory);
            using (ns.Enter())
            {
                tap = OpenTap(options, ns, random, out takingOver);
                if (takingOver)
                {
                    LogTakingOver(logger, options.Name);
                }
                dataPlane = DataPlaneFactory.Create(options, ns, tap, (ulong)random.NextInt64(), takingOver, logger);
            }
        }
        catch
        {
            dataPlane?.Dispose();
            if (!takingOver)
            {
                // A refused start changes nothing: a persistent interface made just now goes with the refusal.
                tap?.RemoveOnClose();
            }
            tap?.Dispose();
            links?.Dispose();
            ns.Dispose();
            throw;
        }
        TeamDevice team = new(tap, links, dataPlane, options.TimeProvider ?? loop.Time, logger, loop, ownsLoop) { TookOver = takingOver };
        try
        {
            Start(team, ns, options);
        }
        catch
        {
            team.Dispose();
            throw;
        }
        return team;
    }

    private static void Start(TeamDevice team, NamespaceContext ns, TeamCreateOptions options)
    {
        LinkMonitor? monitor;
        using (ns.Enter())
        {
            Errno err = LinkMonitor.Start(team.PostLinkEvent, team.OnLinkEventsLost, out monitor, options.LinkMonitorReceiveBuffer);
            if (!err.IsSuccess || monitor is null)
            {
                ns.Dispose();
                throw new TeamException(err, $"Cannot watch link events: {err.Message}.");
            }
        }
        team.AttachLinux(ns, monitor);
        if (options.Mode is string mode)
        {
            team.SetOption(TeamOptionNames.Mode, OptionValue.FromString(mode));
        }
    }

    /// <summary>
    /// The team's TAP, with its MAC, MTU and admin state; the caller is in the team's namespace. A team left by
    /// another daemon is taken over as it is: its MAC stays unless the config names one.
    /// </summary>
    private static TapTeamInterface OpenTap(TeamCreateOptions options, NamespaceContext ns, Random random, out bool takingOver)
    {
        Errno err = Rtnetlink.Open(out Rtnetlink? rtnl);
        if (!err.IsSuccess || rtnl is null)
        {
            throw new TeamException(err, $"Cannot open rtnetlink: {err.Message}.");
        }
        using (rtnl)
        {
            takingOver = ClearTheWay(options, ns, rtnl);
            TapTeamInterface tap = TapTeamInterface.Open(options.Name, options.Persist, rtnl);
            if (options.Persist)
            {
                TeamRecord.Write(options.LockDirectory, ns.Inode, options.Name);
                tap.OnRemoved = () => TeamRecord.Remove(options.LockDirectory, ns.Inode, options.Name);
            }
            try
            {
                if (options.Address is not null || !takingOver)
                {
                    MacAddress mac = options.Address ?? MacAddress.Random(random);
                    Require(rtnl.SetAddress(tap.IfIndex, mac), $"set the team address {mac}");
                }
                if (options.Mtu is int mtu)
                {
                    Require(rtnl.SetMtu(tap.IfIndex, mtu), $"set the team MTU {mtu}");
                }
                if (options.Up)
                {
                    Require(rtnl.SetUp(tap.IfIndex, true), "bring the team up");
                }
                return tap;
            }
            catch
            {
                tap.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// An interface of the team's name is deleted (-r), taken over (-o; and without it when it is a team that
    /// another NetTeam daemon left behind: its pins or its ports' lock files name it), or a refusal. True when
    /// the team is taken over.
    /// </summary>
    private static bool ClearTheWay(TeamCreateOptions options, NamespaceContext ns, Rtnetlink rtnl)
    {
        if (!rtnl.GetLink(options.Name, out LinkInfo? existing).IsSuccess || existing is null)
        {
            return false;
        }
        if (options.Recreate)
        {
            Require(rtnl.DeleteLink(existing.Index), $"delete the existing {options.Name}");
            return false;
        }
        bool ours = existing.Kind == "tun" && (TeamRecord.Exists(options.LockDirectory, ns.Inode, options.Name)
            || new DataPlane.Ebpf.PlanePins(ns.Inode, options.Name).Exist || PortLockFile.NamesTeam(options.LockDirectory, ns.Inode, options.Name));
        if (existing.Kind == "tun" && (options.TakeOver || ours))
        {
            return true;
        }
        throw new TeamException(Errno.EEXIST, options.TakeOver
            ? $"Device {options.Name} exists and is not a NetTeam team interface; it cannot be taken over."
            : $"Device {options.Name} already exists (take it over with -o, or recreate it with -r).");
    }

    [LoggerMessage(30, LogLevel.Information, "{Team}: taking over the team interface left by an earlier daemon")]
    private static partial void LogTakingOver(ILogger logger, string team);

    private static void Require(Errno e, string what)
    {
        if (!e.IsSuccess)
        {
            throw new TeamException(e, $"Could not {what}: {e.Message}.");
        }
    }
}
