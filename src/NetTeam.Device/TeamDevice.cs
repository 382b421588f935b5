using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetTeam.Device.Backends;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Events;
using NetTeam.Device.Modes;
using NetTeam.Device.Options;
using NetTeam.Device.PeerNotification;
using NetTeam.Device.Ports;
using NetTeam.Device.Threading;
using NetTeam.Interop;

namespace NetTeam.Device;

/// <summary>
/// The team device: NetTeam's counterpart of the kernel's team driver (Linux drivers/net/team/team_core.c).
/// It owns the team interface, the ports, the mode and the options, publishes snapshots to the data plane,
/// and raises change events in the shape of the team netlink API. It is mechanism only: runners drive it
/// through options and the port API (<see cref="ITeamControl"/>).
/// <para>
/// All of its state belongs to one control thread (<see cref="ControlLoop"/>): link events, timers and
/// carrier samples are posted there, public calls from other threads are carried there and wait, and every
/// internal change checks it runs there. The data plane shares nothing with it but the published snapshot.
/// The partial files split it by concern: options, ports, link and addresses, events and publication, and
/// the Linux factory.
/// </para>
/// </summary>
public sealed partial class TeamDevice : ITeamControl, IModeContext, IDataPlaneObserver, IDisposable
{
    /// <summary>The kernel's default queue count for a team (TEAM_DEFAULT_NUM_TX_QUEUES), the bound of queue_id.</summary>
    public const int TxQueueCount = 16;

    private readonly ControlLoop _loop;
    private readonly bool _ownsLoop;
    private readonly ITeamInterface _interface;
    private readonly ILinkBackend _links;
    private readonly IDataPlane _dataPlane;
    private readonly PortSetup _portSetup;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OptionRegistry _options = new();
    private readonly PeerAnnouncer _announcer;
    private readonly List<TeamPort> _ports = [];
    private readonly Dictionary<TeamPort, IPortLease> _leases = [];
    private readonly List<TeamPort> _enabled = [];
    private readonly ITimer _timer;
    private TimeSpan _tickInterval;
    private TeamMode _mode = new NoMode();
    private volatile bool _disposed;

    /// <summary>A device whose control thread is the calling one (unit tests on in-memory links and a fake clock).</summary>
    internal TeamDevice(ITeamInterface teamInterface, ILinkBackend links, IDataPlane dataPlane, TimeProvider time, ILogger? logger)
        : this(teamInterface, links, dataPlane, time, logger, ControlLoop.ForCurrentThread(), ownsLoop: true)
    {
    }

    /// <summary>Builds the device; runs on <paramref name="loop"/>'s control thread.</summary>
    internal TeamDevice(ITeamInterface teamInterface, ILinkBackend links, IDataPlane dataPlane, TimeProvider time, ILogger? logger, ControlLoop loop, bool ownsLoop)
    {
        loop.VerifyAccess();
        _loop = loop;
        _ownsLoop = ownsLoop;
        _interface = teamInterface;
        _links = links;
        _dataPlane = dataPlane;
        _portSetup = dataPlane.PortStackSeesTeamFrames ? PortSetup.SilencingPortStack : PortSetup.Plain;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
        _announcer = new PeerAnnouncer(loop, time, teamInterface, links, () => _address, _logger);
        RefreshTeamLink();
        RegisterCoreOptions();
        // Nobody listens yet: the core options' registration is not an event.
        CollectChanges();
        _interface.SetCarrier(false);
        Publish();
        _dataPlane.Start(this);
        _tickInterval = _mode.TickInterval;
        // On the tick's grid (TimerGrid), so it shares the loop's wake-up with the runner's grid-bound timers.
        _timer = loop.CreateTimer(time, OnTick, TimerGrid.UntilNext(time, _tickInterval), _tickInterval);
    }

    /// <summary>Raised on the control thread after every change, with the changed ports and option instances.</summary>
    public event EventHandler<TeamChangeEventArgs>? Changed;

    /// <summary>Raised on the control thread when team carrier changes, with the new carrier.</summary>
    public event EventHandler<bool>? CarrierChanged;

    public string Name => _interface.Name;

    public int IfIndex => _interface.IfIndex;

    /// <summary>Whether the team interface was left by another daemon and taken over (teamd's -o, or a restart).</summary>
    public bool TookOver { get; internal set; }

    /// <summary>The control thread that owns this team.</summary>
    public ControlLoop Loop => _loop;

    /// <summary>Which data plane moves the frames.</summary>
    public DataPlaneKind DataPlane => _dataPlane.Kind;

    public string ModeName => OnLoop(() => _mode.Name);

    public MacAddress Address => OnLoop(() => _address);

    public int Mtu => OnLoop(() => _mtu);

    /// <summary>Whether the team interface is administratively up (IFF_UP; netif_running in the kernel).</summary>
    public bool IsUp => OnLoop(() => (_flags & LinkFlags.Up) != 0);

    /// <summary>Team carrier: some port has link (its user_linkup when user_linkup_enabled).</summary>
    public bool Carrier => OnLoop(() => _carrier);

    /// <summary>The team interface's counters as the data plane keeps them.</summary>
    public TeamStatistics Statistics => _dataPlane.ReadTeamStatistics();

    /// <summary>The port list, most recently added first (as teamnl prints it).</summary>
    public IReadOnlyList<TeamPortInfo> Ports => OnLoop(() =>
    {
        List<TeamPortInfo> list = new(_ports.Count);
        for (int i = _ports.Count - 1; i >= 0; i--)
        {
            list.Add(Info(_ports[i]));
        }
        return (IReadOnlyList<TeamPortInfo>)list;
    });

    /// <summary>
    /// When the team was taken over from another daemon with a data plane that went on forwarding, the snapshot it
    /// forwarded with (its active port and enabled ports are the policy's starting point); publications are
    /// held until <see cref="ResumePublishing"/>. Null for a new team.
    /// </summary>
    public TeamSnapshot? TakenOverSnapshot => OnLoop(() => _dataPlane.TakenOver);

    /// <summary>
    /// Ends the hold of a taken-over team: the policy has re-added the ports and chosen as before, and the
    /// snapshot of that state replaces the old one in one step.
    /// </summary>
    public void ResumePublishing() => _loop.Invoke(() =>
    {
        _dataPlane.ResumePublishing();
        Publish();
    });

    /// <summary>The snapshot the data plane reads now (for tests and diagnostics).</summary>
    public TeamSnapshot CurrentSnapshot { get; private set; } = TeamSnapshot.Empty;

    public TeamPortInfo? GetPort(string name) => OnLoop(() => FindPort(name) is TeamPort p ? Info(p) : null);

    // On the loop (every caller at idle: a probe, a frame) it runs inline, without a closure.
    public TeamPortInfo? GetPortState(string name) => _loop.IsCurrent ? PortState(name) : OnLoop(() => PortState(name));

    private TeamPortInfo? PortState(string name) => FindPort(name)?.ToInfo(default);

    /// <summary>The team interface's IPv4 and IPv6 addresses.</summary>
    public IReadOnlyList<IPAddress> GetAddresses() => _links.GetAddresses(IfIndex);

    IReadOnlyList<TeamPort> IModeContext.Ports => _ports;

    // Loops, not List.Find with a lambda: the lambda's closure was an allocation per frame and per probe.
    internal TeamPort? FindPort(int ifIndex)
    {
        foreach (TeamPort p in _ports)
        {
            if (p.IfIndex == ifIndex)
            {
                return p;
            }
        }
        return null;
    }

    internal TeamPort? FindPort(string name)
    {
        foreach (TeamPort p in _ports)
        {
            if (p.Name == name)
            {
                return p;
            }
        }
        return null;
    }

    TeamPort? IModeContext.FindPort(int ifIndex) => FindPort(ifIndex);

    void IModeContext.CopyHashTxBytes(Span<long> destination) => _dataPlane.CopyHashTxBytes(destination);

    long IModeContext.PortTxBytes(TeamPort port) => _dataPlane.ReadPortStatistics(port.Slot).TxBytes;

    private TeamPortInfo Info(TeamPort port) => port.ToInfo(_dataPlane.ReadPortStatistics(port.Slot));

    /// <summary>Runs <paramref name="func"/> on the control thread: inline when already there, else posted and waited for.</summary>
    private T OnLoop<T>(Func<T> func) => _loop.Invoke(func);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>
    /// Stops without touching the ports or the team interface (teamd's -N): the data plane stops, a
    /// persistent TAP stays, and each port's lock file keeps its saved settings, so a later daemon that
    /// takes the team over (-o) or recreates it (-r) restores the ports on its own exit.
    /// </summary>
    public void Detach() => Shutdown(restorePorts: false);

    /// <summary>Removes every port, restoring its settings, and closes the team interface.</summary>
    public void Dispose() => Shutdown(restorePorts: true);

    private void Shutdown(bool restorePorts)
    {
        if (_disposed)
        {
            return;
        }
        // The link monitor's thread posts each event here: stop it before the loop stops taking work.
        StopMonitor();
        if (!_loop.IsDisposed)
        {
            _loop.Invoke(() => ShutdownOnLoop(restorePorts));
        }
        else
        {
            // The loop is gone (its owner stopped first, or the process is exiting): nothing else runs now.
            ShutdownOnLoop(restorePorts, verify: false);
        }
        if (_ownsLoop)
        {
            _loop.Dispose();
        }
    }

    private void ShutdownOnLoop(bool restorePorts, bool verify = true)
    {
        if (verify)
        {
            _loop.VerifyAccess();
        }
        if (_disposed)
        {
            return;
        }
        _timer.Dispose();
        _announcer.Dispose();
        for (int i = _ports.Count - 1; i >= 0; i--)
        {
            ReleasePort(_ports[i], restorePorts);
        }
        _disposed = true;
        DisposeLinux();
        if (restorePorts)
        {
            _dataPlane.Dispose();
            _interface.RemoveOnClose();
        }
        else
        {
            // -N or a handover: what can go on forwarding (a pinned eBPF plane) does, for the next daemon.
            _dataPlane.Abandon();
        }
        _interface.Dispose();
        _links.Dispose();
    }

    private void ReleasePort(TeamPort port, bool restore)
    {
        if (!restore)
        {
            port.Filter?.Dispose();
            if (_leases.Remove(port, out IPortLease? lease))
            {
                lease.Abandon();
            }
            return;
        }
        try
        {
            RemovePortCore(port, restore: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.OperationFailed(_logger, Name, $"removing port {port.Name}", ex.Message);
        }
    }

    void IDataPlaneObserver.CarrierChanged(int slot)
    {
        // Called on the data plane's thread: the sample's time is taken here, as a link event's is.
        long sampledAt = _time.GetTimestamp();
        _loop.Post(() => OnCarrierSampled(slot, sampledAt));
    }

    void IDataPlaneObserver.Failed(Exception error)
    {
        Log.DataPlaneFailed(_logger, Name, error);
        // The plane forwards nothing any more: treat it as the bug it is, on the control thread.
        _loop.Post(() => throw new DataPlaneFailedException($"The data plane of {Name} stopped: {error.Message}", error));
    }
}
