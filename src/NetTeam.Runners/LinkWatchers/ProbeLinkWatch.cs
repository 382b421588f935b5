using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NetTeam.Device.Threading;
using NetTeam.Interop;
using NetTeam.Runners.Config;
using NetTeam.Runners.Host;
using NetTeam.Runners.State;

namespace NetTeam.Runners.LinkWatchers;

/// <summary>
/// The periodic send/receive watchers, arp_ping and nsna_ping (libteam teamd/teamd_lw_psr.c): every
/// <c>interval</c> ms, after <c>init_wait</c>, a probe goes out on the port's own control channel; a port
/// that hears no answer for long enough is down, whatever its carrier says.
/// <para>
/// Where NetTeam differs from teamd, on purpose (docs/link-watch.md):
/// - the link goes down after <c>missed_max</c> intervals without an answer (at least one), as bonding's
///   arp_missed_max counts; teamd waits for <c>missed_max</c> + 1. With interval 100 and missed_max 3 a
///   silent failure is caught within 400 ms instead of 500 ms;
/// - an answer brings the link up at once rather than at the next interval, so a port returns as soon as
///   its peer does.
/// </para>
/// </summary>
public abstract class ProbeLinkWatch : LinkWatch
{
    private IRunnerTimer? _timer;
    private IFrameChannel? _channel;
    private bool _replyReceived;
    private bool _waited;

    protected ProbeLinkWatch(JsonObject config)
        : base(config)
    {
        Interval = ConfigReader.Int(config, "interval", 1000);
        InitWait = ConfigReader.Int(config, "init_wait", 0);
        MissedMax = ConfigReader.Int(config, "missed_max", 3);
    }

    public int Interval { get; }

    public int InitWait { get; }

    public int MissedMax { get; }

    /// <summary>Intervals in a row without an answer (the state dump's missed).</summary>
    public int Missed { get; private set; }

    public long ProbesSent { get; private set; }

    public long SendFailures { get; private set; }

    /// <summary>Frames that passed the channel's filter but are not an acceptable answer (malformed, or refused by validation).</summary>
    public long FramesIgnored { get; private set; }

    /// <summary>Frames taken as an answer of the target.</summary>
    public long AnswersReceived { get; private set; }

    public override bool OverridesCarrier => true;

    protected abstract FrameSelector Selector { get; }

    /// <summary>True when probes go out even while the port is disabled (arp_ping's send_always).</summary>
    protected virtual bool SendAlways => false;

    protected abstract byte[] BuildProbe();

    protected abstract bool IsAnswer(ReadOnlySpan<byte> frame, ushort? vlanId);

    /// <summary><c>name</c>, and interval, init_wait and missed_max, checked as teamd's lw_psr_load_options does.</summary>
    protected static IEnumerable<ConfigKey> TimingKeys { get; } =
    [
        ConfigKey.Known("name"),
        ConfigKey.Int("interval", 1, int.MaxValue),
        ConfigKey.Int("init_wait", 0, int.MaxValue),
        ConfigKey.Int("missed_max", 0, int.MaxValue),
    ];

    /// <summary>
    /// source_host or target_host: a string naming an address of <paramref name="family"/> (<paramref name="expected"/>),
    /// literal or a host name that resolves to one.
    /// </summary>
    protected static ConfigKey HostKey(string name, AddressFamily family, string expected, bool required) => new(name, required, (o, path, p) =>
    {
        if (ConfigReader.CheckString(o, name, path, required, expected) is string error)
        {
            p.Error(error);
        }
        else if (o[name] is not null && Resolve(ConfigReader.String(o, name), family) is null)
        {
            string family4or6 = family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
            p.Error($"{path}: \"{ConfigReader.String(o, name)}\" is not an {family4or6} address or a host name that resolves to one");
        }
    });

    /// <summary>A literal address of <paramref name="family"/>, or a host name resolved to one (teamd uses getaddrinfo).</summary>
    protected static IPAddress? Resolve(string? text, AddressFamily family)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        // Only the canonical dotted quad for IPv4: IPAddress (like inet_aton) would read "10.1.1" as 10.1.0.1.
        if (IPAddress.TryParse(text, out IPAddress? literal) && (literal.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') == 3))
        {
            return literal.AddressFamily == family ? literal : null;
        }
        // Something that looks like an address but is not one is not looked up as a name.
        if (text.Contains(':', StringComparison.Ordinal) || text.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return null;
        }
        // Nor is what cannot be a host name (RFC 1123 2.1: letters, digits, '-' and '.', at most 255 octets;
        // '_' as hosts files have it): config checking sends no query for "192.168.2;.2" (afl-fuzz, target
        // config, found lookups of such text taking seconds; fuzz/crashes/config/hang-*).
        if (text.Length > 255 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
        {
            return null;
        }
        try
        {
            return Dns.GetHostAddresses(text, family).FirstOrDefault();
        }
        catch (SocketException)
        {
            return null;
        }
    }

    protected override void OnStart()
    {
        _channel = Host.OpenChannel(Port, Selector, OnFrame);
        _timer = Host.CreateTimer(OnInterval);
        // init_wait 0 means at once (teamd: 1 ns).
        _timer.Start(TimeSpan.FromMilliseconds(InitWait));
    }

    private void OnInterval()
    {
        _waited = true;
        if (_replyReceived)
        {
            Missed = 0;
            Report(true);
        }
        else
        {
            Missed++;
            if (Up && Missed >= Math.Max(1, MissedMax))
            {
                Report(false);
            }
        }
        _replyReceived = false;
        if (ForcedSend || SendAlways)
        {
            SendProbe();
        }
        // On the interval's grid, shared by every port (TimerGrid): the ports' probes go out in one wake-up.
        _timer!.Start(TimerGrid.UntilNext(Host.Time, TimeSpan.FromMilliseconds(Interval)));
    }

    private void SendProbe()
    {
        Errno err = _channel!.Send(BuildProbe());
        if (err.IsSuccess)
        {
            ProbesSent++;
        }
        else
        {
            SendFailures++;
        }
    }

    /// <summary>
    /// A port that starts probing (it became the active port, or every port is down) asks at once and gets a
    /// full interval for the answer, instead of being judged at its next interval on probes it never sent.
    /// Without this, a backup that only heard the failed port's probes would fall with it, and the team would
    /// lose its carrier for an interval.
    /// </summary>
    protected override void OnForcedSendStarted()
    {
        // Before its first interval (init_wait) a watcher does not probe yet, whatever the runner does.
        if (_timer is null || _channel is null || SendAlways || !_waited)
        {
            return;
        }
        SendProbe();
        _timer.Start(TimeSpan.FromMilliseconds(Interval));
    }

    private void OnFrame(ReadOnlySpan<byte> frame, ushort? vlanId)
    {
        if (!IsAnswer(frame, vlanId))
        {
            FramesIgnored++;
            return;
        }
        AnswersReceived++;
        _replyReceived = true;
        if (!Up)
        {
            Missed = 0;
            Report(true);
        }
    }

    /// <summary>Whether the port is enabled in the team now (validation differs for active and inactive ports).</summary>
    protected bool PortEnabled => Host.Team.GetPortState(Port.Name)?.Enabled ?? false;

    /// <summary>The port's current MAC: probes are sent from it (teamd's __get_port_curr_hwaddr).</summary>
    protected MacAddress PortAddress => Host.Team.GetPortState(Port.Name)?.Address ?? Port.PermanentAddress;

    protected override void AddState(StateScope state)
    {
        state.Add("init_wait", StateValue.Int(() => InitWait));
        state.Add("interval", StateValue.Int(() => Interval));
        state.Add("missed", StateValue.Int(() => Missed));
        state.Add("missed_max", StateValue.Int(() => MissedMax));
    }

    protected override void AddCounters(JsonObject counters)
    {
        counters["probes_sent"] = ProbesSent;
        counters["send_failures"] = SendFailures;
        counters["answers"] = AnswersReceived;
        // Not an answer of the target: malformed, from or about another host, or refused by validation.
        counters["frames_ignored"] = FramesIgnored;
        counters["channel_received"] = _channel?.Received ?? 0;
        counters["channel_dropped_oversized"] = _channel?.Dropped ?? 0;
        counters["channel_dropped_queue_full"] = _channel?.Overflowed ?? 0;
    }

    protected override void Dispose(bool disposing)
    {
        _timer?.Dispose();
        _channel?.Dispose();
    }
}
