using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetTeam.Interop;

namespace NetTeam.Bench;

/// <summary>
/// The soak's own UDP stream through one team: numbered datagrams at a fixed rate from the team's address to
/// the peer's, the send time of each kept, each received number marked. A datagram that never arrives is lost;
/// whether that was expected depends on when it was sent (<see cref="SoakWindows"/>).
/// </summary>
internal sealed class SoakTraffic : IDisposable
{
    public const int PacketsPerSecond = 200;

    private readonly Socket _sender;
    private readonly Socket _receiver;
    private readonly IPEndPoint _to;
    private readonly Stopwatch _clock;
    private readonly List<long> _sentAt = [];
    private readonly List<bool> _received = [];
    private readonly Lock _sync = new();
    private readonly Thread _sendThread;
    private readonly Thread _receiveThread;
    private volatile bool _stop;
    private volatile bool _stopReceiving;

    public SoakTraffic(string senderNs, string receiverNs, string peerIp, int port, Stopwatch clock)
    {
        _clock = clock;
        _to = new IPEndPoint(IPAddress.Parse(peerIp), port);
        _sender = InNamespace(senderNs, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        _receiver = InNamespace(receiverNs, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        _receiver.Bind(new IPEndPoint(IPAddress.Any, port));
        _receiver.ReceiveTimeout = 200;
        _sendThread = new Thread(SendLoop) { IsBackground = true, Name = "soak-send" };
        _receiveThread = new Thread(ReceiveLoop) { IsBackground = true, Name = "soak-receive" };
    }

    /// <summary>Runs <paramref name="create"/> with the calling thread in network namespace <paramref name="ns"/> (the socket keeps it).</summary>
    public static T InNamespace<T>(string ns, Func<T> create)
    {
        if (!NetNamespace.Open(ns, out NetNamespace? handle).IsSuccess)
        {
            throw new InvalidOperationException($"cannot open namespace {ns}");
        }
        using (handle!)
        {
            if (!handle!.Enter(out NetNamespaceScope scope).IsSuccess)
            {
                throw new InvalidOperationException($"cannot enter namespace {ns}");
            }
            using (scope)
            {
                return create();
            }
        }
    }

    public void Start()
    {
        _receiveThread.Start();
        _sendThread.Start();
    }

    public long Sent
    {
        get
        {
            lock (_sync)
            {
                return _sentAt.Count;
            }
        }
    }

    /// <summary>The send times (clock ticks) of the datagrams that never arrived.</summary>
    public List<long> Lost()
    {
        lock (_sync)
        {
            return [.. Enumerable.Range(0, _sentAt.Count).Where(i => !_received[i]).Select(i => _sentAt[i])];
        }
    }

    public void Stop()
    {
        _stop = true;
        _sendThread.Join();
        // Datagrams still on their way get a moment to arrive.
        Thread.Sleep(500);
        _stopReceiving = true;
        _receiveThread.Join();
    }

    private void SendLoop()
    {
        byte[] payload = new byte[64];
        long start = _clock.ElapsedTicks;
        long n = 0;
        while (!_stop)
        {
            long due = start + n * Stopwatch.Frequency / PacketsPerSecond;
            if (_clock.ElapsedTicks < due)
            {
                Thread.Sleep(1);
                continue;
            }
            BinaryPrimitives.WriteInt64BigEndian(payload, n);
            lock (_sync)
            {
                _sentAt.Add(_clock.ElapsedTicks);
                _received.Add(false);
            }
            try
            {
                _sender.SendTo(payload, _to);
            }
            catch (SocketException)
            {
                // No route while the team has no carrier: lost like any other, counted by its number.
            }
            n++;
        }
    }

    private void ReceiveLoop()
    {
        byte[] buffer = new byte[256];
        while (!_stopReceiving)
        {
            try
            {
                int got = _receiver.Receive(buffer);
                if (got >= 8)
                {
                    long seq = BinaryPrimitives.ReadInt64BigEndian(buffer);
                    lock (_sync)
                    {
                        if (seq >= 0 && seq < _received.Count)
                        {
                            _received[(int)seq] = true;
                        }
                    }
                }
            }
            catch (SocketException)
            {
                // The receive timeout: look at the stop flag again.
            }
        }
    }

    public void Dispose()
    {
        _stop = true;
        _stopReceiving = true;
        _sender.Dispose();
        _receiver.Dispose();
    }
}
