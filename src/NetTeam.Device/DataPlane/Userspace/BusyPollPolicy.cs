namespace NetTeam.Device.DataPlane.Userspace;

/// <summary>
/// When the userspace data plane polls without sleeping. After a turn that forwarded traffic it polls for a
/// window (2 ms by default): the answer to what was just forwarded usually comes within tens of microseconds,
/// and a sleeping thread's wake-up costs more than that on a virtual CPU. But a window pays only when
/// something comes in it. A sparse one-way stream (a datagram every 5 ms, the soak's, or telemetry) finds
/// every window empty, and polling after each of its frames cost 40 % of a core per team (measured: 7
/// teams of the soak on 2 vCPUs starved their own control loops for seconds). So a window opens only while
/// one of the last four caught a frame, and otherwise after every 16th turn of traffic, to notice that the
/// traffic changed. Request and response (ping, RPC) and streams keep catching and keep polling.
/// </summary>
internal struct BusyPollPolicy
{
    private const uint RecentWindows = 0xF;
    private const int ProbeEvery = 16;

    private readonly long _windowTicks;
    private long _until;
    private bool _open;
    private bool _caught;
    // Bit i set: the window i windows back caught something. It starts as if they all had.
    private uint _history;
    private int _skipped;

    public BusyPollPolicy(long windowTicks)
    {
        _windowTicks = windowTicks;
        _history = RecentWindows;
    }

    /// <summary>Windows opened, and of them those that caught nothing (closed ones only).</summary>
    public long Windows { get; private set; }

    public long EmptyWindows { get; private set; }

    /// <summary>Whether to poll without sleeping at <paramref name="now"/>; closes a window that has run out.</summary>
    public bool Spinning(long now)
    {
        if (now < _until)
        {
            return true;
        }
        if (_open)
        {
            _history = (_history << 1) | (_caught ? 1u : 0u);
            EmptyWindows += _caught ? 0 : 1;
            _open = false;
            _caught = false;
        }
        return false;
    }

    /// <summary>A poll inside the window found something ready.</summary>
    public void Caught() => _caught = true;

    /// <summary>A turn forwarded traffic at <paramref name="now"/>: opens a window, or extends the open one.</summary>
    public void Forwarded(long now)
    {
        if (_windowTicks <= 0)
        {
            return;
        }
        if (!_open)
        {
            if ((_history & RecentWindows) == 0 && ++_skipped < ProbeEvery)
            {
                return;
            }
            _skipped = 0;
            _open = true;
            Windows++;
        }
        _until = now + _windowTicks;
    }
}
