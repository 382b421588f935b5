using NetTeam.Interop;

namespace NetTeam.Integration.Tests.Topology;

/// <summary>Every frame seen on one interface of a test namespace, from a packet socket of the test's own.</summary>
internal sealed class FrameCapture : IDisposable
{
    private readonly FileDescriptorHandle _socket;
    private readonly List<byte[]> _frames = [];

    public FrameCapture(TestNamespace ns, string device)
    {
        _socket = ns.Run(() =>
        {
            int index = Interfaces.NameToIndex(device);
            Errno err = PacketSocket.Open(index, PacketSocket.AllProtocols, nonBlocking: true, out FileDescriptorHandle? s);
            return err.IsSuccess ? s! : throw new InvalidOperationException($"cannot capture on {device}: {err.Message}");
        });
    }

    /// <summary>
    /// The first frame, among those seen so far and those still to come before the deadline, that
    /// <paramref name="match"/> accepts; null when none did.
    /// </summary>
    public byte[]? WaitFor(Func<byte[], bool> match, TimeSpan timeout)
    {
        if (_frames.Find(f => match(f)) is byte[] seen)
        {
            return seen;
        }
        byte[] buffer = new byte[65536];
        DateTime end = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < end)
        {
            int n = RawIo.Recv(_socket.Fd, buffer, 0, out Errno err);
            if (n < 0)
            {
                if (err != Errno.EAGAIN)
                {
                    throw new InvalidOperationException($"capture failed: {err.Message}");
                }
                Thread.Sleep(2);
                continue;
            }
            byte[] frame = buffer[..n];
            _frames.Add(frame);
            if (match(frame))
            {
                return frame;
            }
        }
        return null;
    }

    public IReadOnlyList<byte[]> Frames => _frames;

    public void Dispose() => _socket.Dispose();
}
