using System.Diagnostics;
using NetTeam.Interop;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>
/// Floods one link with hostile frames from the peer side, as fast as one thread can hand them to the kernel
/// (AF_PACKET, qdisc bypassed, one sendto per frame): a pool of frames of every <see cref="HostileKind"/>,
/// built up front from a seed, sent round and round until stopped. Counts what went out by kind.
/// The sending thread runs at nice 19: on this 2-core machine it shares the daemon's CPUs, which a flood from
/// the wire does not, so it takes what netteamd leaves rather than starving it of a core by being local.
/// </summary>
internal sealed partial class FrameFlood : IDisposable
{
    private const int FramesPerKind = 512;

    private readonly Thread _thread;
    private readonly long[] _sent = new long[Enum.GetValues<HostileKind>().Length];
    private readonly long[] _refused = new long[Enum.GetValues<HostileKind>().Length];
    private readonly Stopwatch _elapsed = new();
    private volatile bool _stop;
    private Exception? _error;

    public FrameFlood(TestNamespace ns, string device, HostileFrames frames)
    {
        List<(HostileKind Kind, byte[] Frame)> pool = [];
        foreach (HostileKind kind in Enum.GetValues<HostileKind>())
        {
            for (int i = 0; i < FramesPerKind; i++)
            {
                pool.Add((kind, frames.Build(kind)));
            }
        }
        (HostileKind, byte[])[] shuffled = [.. pool];
        Random.Shared.Shuffle(shuffled);
        _thread = new Thread(() => ns.Run(() => Send(device, shuffled))) { Name = "frame-flood", IsBackground = true };
    }

    public TimeSpan Elapsed => _elapsed.Elapsed;

    public long Sent(HostileKind kind) => Interlocked.Read(ref _sent[(int)kind]);

    /// <summary>Frames the sending kernel refused (too long for the peer's MTU, no buffer).</summary>
    public long Refused(HostileKind kind) => Interlocked.Read(ref _refused[(int)kind]);

    public long TotalSent => _sent.Sum();

    public void Start()
    {
        _elapsed.Start();
        _thread.Start();
    }

    public void Stop()
    {
        _stop = true;
        _thread.Join();
        _elapsed.Stop();
        if (_error is not null)
        {
            throw new InvalidOperationException("the flood failed", _error);
        }
    }

    private int Send(string device, (HostileKind Kind, byte[] Frame)[] pool)
    {
        try
        {
            // setpriority(PRIO_PROCESS, tid): on Linux a thread id names just this thread.
            _ = SetPriority(0, GetTid(), 19);
            int index = Interfaces.NameToIndex(device);
            // Protocol 0: the socket sends only and queues nothing it would have to be drained of.
            Errno err = PacketSocket.Open(index, 0, nonBlocking: false, out FileDescriptorHandle? socket);
            if (!err.IsSuccess)
            {
                throw new InvalidOperationException($"cannot open a packet socket on {device}: {err.Message}");
            }
            using (socket!)
            {
                PacketSocket.SetQdiscBypass(socket!, true);
                PacketSocket.SetSendBuffer(socket!, 4 << 20);
                for (long n = 0; !_stop; n++)
                {
                    (HostileKind kind, byte[] frame) = pool[n % pool.Length];
                    if (PacketSocket.SendTo(socket!, index, frame).IsSuccess)
                    {
                        _sent[(int)kind]++;
                    }
                    else
                    {
                        _refused[(int)kind]++;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            _error = ex;
        }
        return 0;
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    public void Dispose()
    {
        if (_thread.IsAlive)
        {
            _stop = true;
            _thread.Join();
        }
    }
}
