using NetTeam.Interop;
using NetTeam.Runners.Host;

namespace NetTeam.Runners.Tests;

/// <summary>An in-memory control-frame channel: what the runner sends is recorded, frames are injected with Deliver.</summary>
internal sealed class FakeFrameChannel(RunnerPort port, FrameSelector selector, FrameReceived onFrame) : IFrameChannel
{
    public RunnerPort Port { get; } = port;

    public FrameSelector Selector { get; } = selector;

    public List<byte[]> Sent { get; } = [];

    /// <summary>When set, the clock's timestamp of every frame in <see cref="Sent"/>.</summary>
    public TimeProvider? Clock { get; set; }

    public List<long> SentAt { get; } = [];

    public bool Disposed { get; private set; }

    /// <summary>When set, Send fails with this error (a port that went away).</summary>
    public Errno? SendError { get; set; }

    public long Received { get; private set; }

    public long Dropped { get; private set; }

    public long Overflowed => 0;

    public Errno Send(ReadOnlySpan<byte> frame)
    {
        if (Disposed)
        {
            return Errno.ENODEV;
        }
        if (SendError is Errno e)
        {
            return e;
        }
        Sent.Add(frame.ToArray());
        if (Clock is not null)
        {
            SentAt.Add(Clock.GetTimestamp());
        }
        return Errno.Success;
    }

    /// <summary>Hands a frame to the handler if the selector accepts it, as the socket filter would.</summary>
    public bool Deliver(ReadOnlySpan<byte> frame, ushort? vlanId = null)
    {
        if (Disposed || !Selector.Matches(frame, vlanId))
        {
            return false;
        }
        Received++;
        onFrame(frame, vlanId);
        return true;
    }

    public void Dispose() => Disposed = true;
}
