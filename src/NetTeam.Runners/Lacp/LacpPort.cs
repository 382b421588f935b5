using NetTeam.Device.Threading;
using NetTeam.Interop;
using NetTeam.Runners.Host;
using NetTeam.Runners.State;

namespace NetTeam.Runners.Lacp;

/// <summary>
/// One port's LACP machines (IEEE 802.1AX-2014 6.4.12 receive, 6.4.13 periodic transmission, 6.4.16
/// transmit; teamd-spec §4.4, §4.5): the port state (disabled, current, expired, defaulted), the partner as
/// its last LACPDU described it, the current_while, periodic and transmit-hold timers, and the port's
/// Slow Protocols channel. Selection is the runner's: it tells the port whether it is in sync.
/// </summary>
internal sealed partial class LacpPort : IDisposable
{
    /// <summary>
    /// Periodic transmission runs 10% ahead of Fast_Periodic_Time (1 s) and Slow_Periodic_Time (30 s), as
    /// DPDK does (900 ms, 29 s; teamd-spec §4.4), on a fixed schedule (each deadline is the previous deadline
    /// plus the period, not "now" plus the period). So a callback that the event loop runs late never delays
    /// the next one, and even a 100 ms late PDU reaches the partner within the nominal period: the partner's
    /// 3 s timeout always sees three PDUs, the jitter failure of teamd-spec §4.4 cannot happen.
    /// </summary>
    public static readonly TimeSpan FastPeriodic = TimeSpan.FromMilliseconds(900);

    public static readonly TimeSpan SlowPeriodic = TimeSpan.FromSeconds(29);

    /// <summary>Short_Timeout_Time and Long_Timeout_Time: 3 × the partner's (our) nominal periodic time.</summary>
    public static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan LongTimeout = TimeSpan.FromSeconds(90);

    private readonly LacpRunner _runner;
    private readonly IRunnerHost _host;
    private readonly LacpConfig _config;
    private readonly IRunnerTimer _currentWhile;
    private readonly IRunnerTimer _periodic;
    private readonly IRunnerTimer _txHold;
    private readonly TransmitLimiter _limiter;
    private readonly MarkerResponder _marker;
    private readonly byte[] _txFrame = new byte[SlowProtocols.FrameLength];
    private IFrameChannel? _channel;
    private TimeSpan? _periodicPeriod;
    private long _nextPeriodic;
    private LacpduInfo _lastActor;
    private bool _ntt;
    private bool _loopbackReported;

    public LacpPort(LacpRunner runner, IRunnerHost host, LacpConfig config, RunnerPort port)
    {
        _runner = runner;
        _host = host;
        _config = config;
        Port = port;
        _currentWhile = host.CreateTimer(CurrentWhileExpired);
        _periodic = host.CreateTimer(PeriodicExpired);
        _txHold = host.CreateTimer(Transmit);
        _limiter = new TransmitLimiter(host.Time);
        _marker = new MarkerResponder(host.Time);
    }

    public RunnerPort Port { get; }

    public int IfIndex => Port.IfIndex;

    public int SpeedMbps => Port.Link.SpeedMbps;

    /// <summary>teamd's per-port <c>prio</c> (port_config policy).</summary>
    public int Prio => Port.Prio;

    public bool Sticky => Port.Sticky;

    /// <summary>The port's <c>lacp_prio</c>, default 255 (lower is better).</summary>
    public ushort LacpPrio => (ushort)(Port.Config["lacp_prio"]?.GetValue<int>() ?? 255);

    /// <summary>The port's <c>lacp_key</c>, default 0.</summary>
    public ushort LacpKey => (ushort)(Port.Config["lacp_key"]?.GetValue<int>() ?? 0);

    public LacpPortState State { get; private set; } = LacpPortState.Disabled;

    public LacpduInfo Partner { get; private set; }

    /// <summary>Set by selection: the aggregator the port is in, or null when it is not selected.</summary>
    public Aggregator? Aggregator { get; set; }

    /// <summary>Attached to the selected aggregator (our Synchronization bit).</summary>
    public bool InSync { get; private set; }

    /// <summary>In sync and the partner is too: the port collects and distributes (coupled control) and is enabled.</summary>
    public bool CollectingDistributing { get; private set; }

    public LacpCounters Counters { get; } = new();

    /// <summary>Our view of ourselves (teamd-spec §4.5): the team's system, the port's key and priority, its ifindex as port number.</summary>
    public LacpduInfo Actor => new(_config.SystemPriority, _host.Team.Address, LacpKey, LacpPrio, (ushort)Port.IfIndex, ActorState);

    private LacpState ActorState
    {
        get
        {
            // Aggregation is always set, even with one port (libteam issue #15, teamd-spec §5.2).
            LacpState s = LacpState.Aggregation;
            s |= _config.Active ? LacpState.Activity : 0;
            s |= _config.FastRate ? LacpState.Timeout : 0;
            s |= InSync ? LacpState.Synchronization : 0;
            s |= CollectingDistributing ? LacpState.Collecting | LacpState.Distributing : 0;
            s |= State == LacpPortState.Expired ? LacpState.Expired : 0;
            s |= State == LacpPortState.Defaulted ? LacpState.Defaulted : 0;
            return s;
        }
    }

    /// <summary>"Speak when spoken to": a passive port transmits only while its partner is active (802.1AX-2014 6.4.13).</summary>
    private bool CanSpeak => State != LacpPortState.Disabled && (_config.Active || (Partner.State & LacpState.Activity) != 0);

    /// <summary>
    /// Opens the port's Slow Protocols channel and applies its link. <paramref name="resume"/>: the daemon is
    /// starting after a predecessor, whose partner this port resumes (see <see cref="Resume"/>) rather than
    /// starting EXPIRED, so its very first LACPDU tells the partner nothing changed.
    /// </summary>
    public void Start(bool resume)
    {
        _channel = _host.OpenChannel(Port, FrameSelector.SlowProtocols, OnFrame);
        _lastActor = Actor;
        bool usable = Port.Link.Up && Port.LinkWatchUp && Port.Link.Duplex != Duplex.Half && _host.Team.IsUp;
        if (resume && usable && Resume())
        {
            return;
        }
        LinkChanged();
    }

    /// <summary>
    /// The port's link or link watch, or the team's admin state, changed: a full-duplex port with link in a team
    /// that is up is LACP-enabled and starts EXPIRED (partner unknown, short timeout); otherwise it is DISABLED
    /// and silent (802.1AX-2014 6.4.12 PORT_DISABLED; teamd lacp_port_link_update, and teamd's admin-down of the
    /// team). Aggregation needs full duplex (802.1AX-2014 6.3.2): half duplex disables.
    /// </summary>
    public void LinkChanged()
    {
        bool usable = Port.Link.Up && Port.LinkWatchUp && Port.Link.Duplex != Duplex.Half && _host.Team.IsUp;
        if (usable && State == LacpPortState.Disabled)
        {
            Partner = LacpduInfo.DefaultedPartner;
            EnterExpired();
        }
        else if (!usable && State != LacpPortState.Disabled)
        {
            State = LacpPortState.Disabled;
            Partner = default;
            _currentWhile.Stop();
            _txHold.Stop();
            _ntt = false;
            _runner.Reselect();
        }
    }

    /// <summary>Called by the runner after selection: takes the port's sync state and flags a changed actor for transmission.</summary>
    public void ApplySelection(bool inSync)
    {
        InSync = inSync;
        CollectingDistributing = inSync && (Partner.State & LacpState.Synchronization) != 0;
        LacpduInfo actor = Actor;
        if (actor != _lastActor)
        {
            _lastActor = actor;
            _ntt = true;
        }
        UpdatePeriodic();
    }

    public void ReportLoopback()
    {
        if (!_loopbackReported)
        {
            _loopbackReported = true;
            _host.Log($"{Port.Name}: Port seems to be loopbacked to the same team device.");
        }
    }

    private void CurrentWhileExpired()
    {
        if (State == LacpPortState.Current)
        {
            // 802.1AX-2014 6.4.12 EXPIRED: the partner is out of sync and asked to hurry (short timeout).
            Partner = Partner with { State = (Partner.State | LacpState.Timeout) & ~LacpState.Synchronization };
            EnterExpired();
        }
        else if (State == LacpPortState.Expired)
        {
            // DEFAULTED: teamd's defaulted partner is all zero but the Timeout bit.
            State = LacpPortState.Defaulted;
            Partner = LacpduInfo.DefaultedPartner;
            _runner.Reselect();
            _runner.Flush();
        }
    }

    private void EnterExpired()
    {
        State = LacpPortState.Expired;
        // The forced short timeout of EXPIRED, whatever our fast_rate (teamd lacp_port_timeout_set(..., true)).
        _currentWhile.Start(ShortTimeout);
        _runner.Reselect();
        _runner.Flush();
    }

    /// <summary>The periodic machine: on while we may speak, fast while the partner asks for a short timeout.</summary>
    private void UpdatePeriodic()
    {
        if (!CanSpeak)
        {
            _periodic.Stop();
            _periodicPeriod = null;
            return;
        }
        TimeSpan period = (Partner.State & LacpState.Timeout) != 0 ? FastPeriodic : SlowPeriodic;
        if (_periodicPeriod == period && _periodic.IsRunning)
        {
            return;
        }
        if (_periodicPeriod == SlowPeriodic && period == FastPeriodic)
        {
            // SLOW_PERIODIC -> PERIODIC_TX when the partner turns to a short timeout.
            _ntt = true;
        }
        _periodicPeriod = period;
        // On the period's grid (TimerGrid): every port's periodic LACPDU, and the probes of a 100 ms watcher,
        // in one wake-up of the loop. The first comes after a half to one and a half periods, well inside the
        // partner's timeout of three; a port's first LACPDU goes at once anyway (NTT).
        long now = _host.Time.GetTimestamp();
        _nextPeriodic = TimerGrid.Next(now, TimerGrid.Ticks(_host.Time, period));
        _periodic.Start(_host.Time.GetElapsedTime(now, _nextPeriodic));
    }

    private void PeriodicExpired()
    {
        if (_periodicPeriod is not TimeSpan period)
        {
            return;
        }
        long now = _host.Time.GetTimestamp();
        long step = TimerGrid.Ticks(_host.Time, period);
        _nextPeriodic += step;
        if (_nextPeriodic <= now)
        {
            // The loop stalled for more than a period: resume on the grid from now rather than burst.
            _nextPeriodic = TimerGrid.Next(now, step);
        }
        _periodic.Start(_host.Time.GetElapsedTime(now, _nextPeriodic));
        _ntt = true;
        Transmit();
    }

    /// <summary>The transmit machine: sends when NTT is set, at most three LACPDUs per second (802.1AX-2014 6.4.16).</summary>
    public void Transmit()
    {
        if (!_ntt)
        {
            return;
        }
        if (!CanSpeak || _channel is null)
        {
            _ntt = false;
            return;
        }
        TimeSpan wait = _limiter.Wait();
        if (wait > TimeSpan.Zero)
        {
            if (!_txHold.IsRunning)
            {
                Counters.TxDeferred++;
                _txHold.Start(wait);
            }
            return;
        }
        LacpduInfo actor = Actor;
        Lacpdu.Write(_txFrame, Port.PermanentAddress, actor, Partner);
        _lastActor = actor;
        _ntt = false;
        _limiter.Record();
        if (_channel.Send(_txFrame).IsSuccess)
        {
            Counters.LacpduTx++;
        }
        else
        {
            Counters.TxErrors++;
        }
    }

    /// <summary>
    /// The port's <c>runner</c> object in the state dump (teamd-spec §3.6), under <paramref name="scope"/>; whether
    /// its aggregator is the selected one, and setting it so, are the runner's (<paramref name="aggregatorSelected"/>).
    /// </summary>
    public void RegisterState(StateScope scope, Func<bool> aggregatorSelected, Func<bool, StateSetResult> selectAggregator)
    {
        LacpduInfo.RegisterState(scope.Child("actor_lacpdu_info"), () => Actor);
        StateScope aggregator = scope.Child("aggregator");
        aggregator.Add("id", StateValue.Int(() => Aggregator?.Id ?? 0));
        aggregator.Add("selected", StateValue.Bool(aggregatorSelected, selectAggregator));
        scope.Add("key", StateValue.Int(() => LacpKey));
        LacpduInfo.RegisterState(scope.Child("partner_lacpdu_info"), () => Partner);
        scope.Add("prio", StateValue.Int(() => LacpPrio));
        scope.Add("selected", StateValue.Bool(() => Aggregator is not null));
        scope.Add("state", StateValue.String(() => State.ToString().ToLowerInvariant()));
    }

    public void Dispose()
    {
        _currentWhile.Dispose();
        _periodic.Dispose();
        _txHold.Dispose();
        _channel?.Dispose();
        _channel = null;
    }
}
