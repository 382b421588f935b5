using System.Runtime.InteropServices;
using NetTeam.Interop.Native;

namespace NetTeam.Interop;

/// <summary>
/// A reusable batch for recvmmsg/sendmmsg (recvmmsg(2)): N buffers with their mmsghdr and iovec arrays,
/// allocated once in native memory, so a batch call allocates nothing. A receive lands
/// <see cref="Headroom"/> bytes into each buffer (room to put a VLAN tag back), and with control space each
/// message also carries its PACKET_AUXDATA.
/// </summary>
public sealed unsafe class MessageBatch : IDisposable
{
    private MMsgHdr* _headers;
    private IoVec* _iovecs;
    private byte* _buffers;
    private byte* _control;

    public MessageBatch(int count, int bufferSize, int headroom = 0, bool auxData = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(headroom);
        Headroom = headroom;
        _control = auxData ? (byte*)NativeMemory.AllocZeroed((nuint)count, PacketAuxData.ControlSize) : null;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        Count = count;
        BufferSize = bufferSize;
        _headers = (MMsgHdr*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(MMsgHdr));
        _iovecs = (IoVec*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(IoVec));
        _buffers = (byte*)NativeMemory.AlignedAlloc((nuint)count * (nuint)bufferSize, 64);
        for (int i = 0; i < count; i++)
        {
            _iovecs[i].Base = _buffers + ((nint)i * bufferSize) + headroom;
            _iovecs[i].Length = (nuint)(bufferSize - headroom);
            _headers[i].Header.Iov = &_iovecs[i];
            _headers[i].Header.IovLength = 1;
        }
    }

    public int Count { get; }

    public int BufferSize { get; }

    /// <summary>Bytes before the received data in each buffer.</summary>
    public int Headroom { get; }

    public Span<byte> Buffer(int index)
    {
        ObjectDisposedException.ThrowIf(_buffers == null, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return new Span<byte>(_buffers + ((nint)index * BufferSize), BufferSize);
    }

    /// <summary>The received length, not counting the headroom.</summary>
    public int Length(int index) => (int)_headers[index].Length;

    /// <summary>The VLAN tag the kernel took off message <paramref name="index"/> (needs auxData).</summary>
    public bool TryGetVlan(int index, out ushort tci, out ushort tpid)
    {
        tci = 0;
        tpid = 0;
        return _control != null && PacketAuxData.TryReadVlan((byte*)_headers[index].Header.Control, _headers[index].Header.ControlLength, out tci, out tpid);
    }

    public void SetLength(int index, int length) => _iovecs[index].Length = (nuint)Math.Clamp(length, 0, BufferSize - Headroom);

    /// <summary>recvmmsg of up to <paramref name="maxMessages"/>; returns the count, or -1 with the error.</summary>
    public int Receive(int fd, int maxMessages, int flags, out Errno error)
    {
        int n = Math.Min(maxMessages, Count);
        for (int i = 0; i < n; i++)
        {
            _iovecs[i].Length = (nuint)(BufferSize - Headroom);
            _headers[i].Header.Flags = 0;
            if (_control != null)
            {
                _headers[i].Header.Control = _control + ((nint)i * PacketAuxData.ControlSize);
                _headers[i].Header.ControlLength = PacketAuxData.ControlSize;
            }
        }
        int got = Libc.RecvMmsg(fd, _headers, (uint)n, flags, null);
        if (got < 0)
        {
            error = Errno.FromLastError();
            return -1;
        }
        error = Errno.Success;
        return got;
    }

    /// <summary>sendmmsg of the first <paramref name="count"/> entries, each as long as SetLength said.</summary>
    public int Send(int fd, int count, out Errno error)
    {
        int sent = Libc.SendMmsg(fd, _headers, (uint)Math.Min(count, Count), 0);
        if (sent < 0)
        {
            error = Errno.FromLastError();
            return -1;
        }
        error = Errno.Success;
        return sent;
    }

    public void Dispose()
    {
        if (_buffers != null)
        {
            NativeMemory.AlignedFree(_buffers);
            NativeMemory.Free(_iovecs);
            NativeMemory.Free(_headers);
            NativeMemory.Free(_control);
            _control = null;
            _buffers = null;
            _iovecs = null;
            _headers = null;
        }
    }
}
