using System.Collections.Immutable;
using NetTeam.Interop;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// The eBPF plane's carrier sampler. A program cannot read carrier, and the kernel's linkwatch can hold an
/// ordinary netdev's carrier event back by up to a second (see <see cref="CarrierProbe"/>), so this thread
/// reads the ports' carrier (ETHTOOL_GLINK) every millisecond while the team transmits, as the userspace
/// plane does on each send, and reports a change at once. Whether the team transmits is read from the
/// team's tx counter: more than one frame since the last look is traffic (a lone frame now and then, a
/// neighbour solicitation or an IPv6 report, is not worth 200 samples). Idle, it looks four times a second;
/// rtnetlink's link events stay the authority on carrier either way.
/// </summary>
internal sealed class CarrierWatcher : IDisposable
{
    private static readonly TimeSpan s_busy = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan s_idle = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_stayBusy = TimeSpan.FromMilliseconds(200);

    private readonly CarrierProbe _probe;
    private readonly Func<ulong> _teamTxPackets;
    private readonly Action<int> _changed;
    private readonly Thread _thread;
    // No spinning before each sleep: this thread wakes four times a second at idle.
    private readonly ManualResetEventSlim _stop = new(false, spinCount: 0);
    private ImmutableArray<Watched> _ports = [];

    private CarrierWatcher(CarrierProbe probe, Func<ulong> teamTxPackets, Action<int> changed)
    {
        _probe = probe;
        _teamTxPackets = teamTxPackets;
        _changed = changed;
        _thread = new Thread(Run) { IsBackground = true, Name = "netteam-carrier" };
    }

    /// <summary>Opens the probe socket; the caller is in the team's network namespace.</summary>
    public static Errno Create(Func<ulong> teamTxPackets, Action<int> changed, out CarrierWatcher? watcher)
    {
        Errno err = CarrierProbe.Open(out CarrierProbe? probe);
        watcher = err.IsSuccess && probe is not null ? new CarrierWatcher(probe, teamTxPackets, changed) : null;
        return err;
    }

    public void Start() => _thread.Start();

    public void Add(PortAttachment port) => ImmutableInterlocked.Update(ref _ports, a => a.Add(new Watched(port.Slot, port.Name) { Carrier = port.Carrier }));

    public void Remove(int slot) => ImmutableInterlocked.Update(ref _ports, a => a.RemoveAll(w => w.Slot == slot));

    private void Run()
    {
        ulong lastTx = _teamTxPackets();
        DateTime busyUntil = DateTime.MinValue;
        while (!_stop.Wait(DateTime.UtcNow < busyUntil ? s_busy : s_idle))
        {
            ulong tx = _teamTxPackets();
            // Busy stays busy on any frame in its 1 ms looks; idle turns busy on more than one.
            ulong threshold = DateTime.UtcNow < busyUntil ? 0UL : 1UL;
            if (tx - lastTx > threshold)
            {
                busyUntil = DateTime.UtcNow + s_stayBusy;
            }
            lastTx = tx;
            foreach (Watched port in _ports)
            {
                if (_probe.IsUp(port.Name, out bool up).IsSuccess && up != port.Carrier)
                {
                    port.Carrier = up;
                    _changed(port.Slot);
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
        _probe.Dispose();
        _stop.Dispose();
    }

    private sealed class Watched(int slot, string name)
    {
        public int Slot { get; } = slot;

        public string Name { get; } = name;

        public bool Carrier { get; set; }
    }
}
