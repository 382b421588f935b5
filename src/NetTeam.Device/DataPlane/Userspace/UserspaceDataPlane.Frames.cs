using System.Buffers.Binary;
using NetTeam.Interop;

namespace NetTeam.Device.DataPlane.Userspace;

/// <summary>The data plane thread: the epoll loop and the two frame paths.</summary>
internal sealed partial class UserspaceDataPlane
{
    private const int VnetHeader = Tap.VnetHeaderSize;
    private const int MinFrame = VnetHeader + 14;
    private const int RxBatch = 16;
    private const int TapBudget = 64;
    private const ulong TapKey = 0;
    private const ulong WakeKey = ulong.MaxValue;

    private readonly byte[] _tapBuffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
    private TxState _txState;
    private long _allocatedBytes;
    private long _loops;

    /// <summary>
    /// The thread's body. Any failure ends it loudly, as dotnet/runtime's SocketAsyncEngine event loop does:
    /// the observer hears of it, and the control side puts the ports back and ends the process, rather than
    /// leaving a team that silently forwards nothing.
    /// </summary>
    private void Run()
    {
        try
        {
            Loop();
        }
        catch (Exception ex)
        {
            _observer?.Failed(ex);
        }
    }

    private void Loop()
    {
        Span<EpollEvent> events = stackalloc EpollEvent[TeamSnapshot.MaxPorts + 2];
        while (!_stop)
        {
            // Idle, the thread blocks; after traffic it may poll for a moment (BusyPollPolicy). A control frame
            // alone (an LACPDU, an ARP reply to a link watcher's probe) has no answer through the team and does
            // not start the poll (issue 12: with lacp fast_rate and arp_ping every 100 ms those polls were 4 %
            // of a core at idle).
            bool spinning = _busyPoll.Spinning(System.Diagnostics.Stopwatch.GetTimestamp());
            int n = _epoll.Wait(events, spinning ? 0 : -1, out Errno err);
            if (n == 0 && spinning)
            {
                continue;
            }
            if (n < 0)
            {
                throw new IOException($"The data plane's epoll_wait failed: {err}.");
            }
            if (spinning)
            {
                _busyPoll.Caught();
            }
            for (int i = 0; i < n; i++)
            {
                Dispatch(events[i].Data);
            }
            _loops++;
            if (_forwardedTraffic)
            {
                _forwardedTraffic = false;
                _busyPoll.Forwarded(System.Diagnostics.Stopwatch.GetTimestamp());
            }
            Volatile.Write(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread());
        }
    }

    private void Dispatch(ulong key)
    {
        if (key == TapKey)
        {
            PumpTap();
        }
        else if (key == WakeKey)
        {
            _wake.Drain();
            while (_commands.TryDequeue(out PlaneCommand? command))
            {
                if (command.Kind == PlaneCommandKind.Fail)
                {
                    command.Done.Set();
                    throw new IOException("The data plane was told to fail (test).");
                }
                Apply(command);
            }
        }
        else
        {
            PumpPort((int)(key - 1));
        }
    }

    /// <summary>TAP -> mode -> port: frames the team interface transmits.</summary>
    private void PumpTap()
    {
        byte[] buffer = _tapBuffer;
        for (int budget = 0; budget < TapBudget; budget++)
        {
            int n = RawIo.Read(_tapFd, buffer, out _);
            if (n < 0)
            {
                return;
            }
            if (n < MinFrame || n >= BufferSize)
            {
                _team.TxDropped++;
                continue;
            }
            TeamSnapshot snapshot = Volatile.Read(ref _snapshot);
            ReadOnlySpan<byte> frame = new(buffer, VnetHeader, n - VnetHeader);
            TxDecision decision = FramePath.SelectTx(snapshot.Data, frame, ref _txState);
            if (Transmit(snapshot, decision, new ReadOnlySpan<byte>(buffer, 0, n), frame.Length))
            {
                _forwardedTraffic = true;
                _team.TxPackets++;
                _team.TxBytes += frame.Length;
            }
            else
            {
                _team.TxDropped++;
            }
        }
    }

    private bool Transmit(TeamSnapshot snapshot, TxDecision decision, ReadOnlySpan<byte> wire, int frameLength)
    {
        if (decision.Action == TxAction.Port)
        {
            bool sent = SendOn(decision.Slot, wire, frameLength);
            if (sent && snapshot.Mode == ModeKind.LoadBalance)
            {
                _hashTxBytes[decision.Bucket] += frameLength;
            }
            return sent;
        }
        if (decision.Action != TxAction.AllTxable)
        {
            return false;
        }
        bool any = false;
        ulong mask = snapshot.TxableMask;
        while (mask != 0)
        {
            int slot = System.Numerics.BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
            any |= SendOn(slot, wire, frameLength);
        }
        return any;
    }

    private bool SendOn(int slotIndex, ReadOnlySpan<byte> wire, int frameLength)
    {
        PortSocket? port = _slots[slotIndex];
        if (port is null)
        {
            return false;
        }
        int sent = RawIo.Send(port.Fd, wire, 0, out _);
        if (_carrier.SampleChanged(port))
        {
            _observer?.CarrierChanged(port.Index);
        }
        if (sent < 0)
        {
            port.Counters.TxDropped++;
            return false;
        }
        port.Counters.TxPackets++;
        port.Counters.TxBytes += frameLength;
        return true;
    }

    /// <summary>Port -> mode -> TAP: frames a port receives.</summary>
    private void PumpPort(int slotIndex)
    {
        PortSocket? port = _slots[slotIndex];
        if (port is null)
        {
            return;
        }
        for (int round = 0; round < 4; round++)
        {
            int n = port.Batch.Receive(port.Fd, RxBatch, RawIo.DontWait, out _);
            if (n <= 0)
            {
                return;
            }
            TeamSnapshot snapshot = Volatile.Read(ref _snapshot);
            for (int i = 0; i < n; i++)
            {
                Deliver(port, snapshot, i);
            }
            if (n < RxBatch)
            {
                return;
            }
        }
    }

    private void Deliver(PortSocket port, TeamSnapshot snapshot, int index)
    {
        PlaneCounters counters = port.Counters;
        int length = port.Batch.Length(index);
        // Untrusted input: a runt or a frame that filled the buffer (truncated) is counted and dropped.
        if (length < MinFrame || length >= BufferSize)
        {
            counters.RxErrors++;
            return;
        }
        Span<byte> buffer = port.Batch.Buffer(index);
        ReadOnlySpan<byte> wire = port.Batch.TryGetVlan(index, out ushort tci, out ushort tpid)
            ? VlanTag.Reinsert(buffer, length, tci, tpid)
            : buffer.Slice(VlanTag.Length, length);
        ReadOnlySpan<byte> frame = wire[VnetHeader..];
        if (!FramePath.AcceptRx(snapshot.Data, port.Index, frame))
        {
            counters.RxDropped++;
            return;
        }
        if (RawIo.Write(_tapFd, wire, out _) < 0)
        {
            counters.RxDropped++;
            _team.RxDropped++;
            return;
        }
        _forwardedTraffic |= !IsControlFrame(frame);
        counters.RxPackets++;
        counters.RxBytes += frame.Length;
        _team.RxPackets++;
        _team.RxBytes += frame.Length;
        if (FramePath.IsMulticast(frame))
        {
            counters.RxMulticast++;
            _team.RxMulticast++;
        }
    }

    /// <summary>ARP and Slow Protocols (LACPDUs, Markers): frames after which no answer comes through the team.</summary>
    private static bool IsControlFrame(ReadOnlySpan<byte> frame) =>
        frame.Length >= 14 && BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) is 0x0806 or 0x8809;
}
