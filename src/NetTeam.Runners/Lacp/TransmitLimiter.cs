namespace NetTeam.Runners.Lacp;

/// <summary>
/// The transmit machine's limit (IEEE 802.1AX-2014 6.4.16): no more than three LACPDUs in any
/// Fast_Periodic_Time (1 s). Remembers the last three transmission times on the injected clock.
/// </summary>
internal sealed class TransmitLimiter
{
    public const int MaxPerWindow = 3;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly long[] _sent = new long[MaxPerWindow];
    private int _count;
    private int _next;

    public TransmitLimiter(TimeProvider time) => _time = time;

    /// <summary>Zero when a LACPDU may go out now, else how long until one may.</summary>
    public TimeSpan Wait()
    {
        if (_count < MaxPerWindow)
        {
            return TimeSpan.Zero;
        }
        // _next is the oldest of the last three transmissions.
        TimeSpan since = _time.GetElapsedTime(_sent[_next]);
        return since >= Window ? TimeSpan.Zero : Window - since;
    }

    public void Record()
    {
        _sent[_next] = _time.GetTimestamp();
        _next = (_next + 1) % MaxPerWindow;
        _count = Math.Min(_count + 1, MaxPerWindow);
    }
}
