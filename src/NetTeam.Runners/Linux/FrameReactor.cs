using NetTeam.Interop;

namespace NetTeam.Runners.Linux;

/// <summary>
/// One thread that waits (epoll) on every control-frame socket of a daemon and hands what arrives to the
/// event loop. Control frames are few (a LACPDU a second, a probe reply per interval), so each frame is
/// copied once here; the data plane never passes through this thread.
/// </summary>
public sealed class FrameReactor : IDisposable
{
    private const ulong StopToken = ulong.MaxValue;

    private readonly Epoll _epoll;
    private readonly EventFd _wake;
    private readonly Thread _thread;
    private readonly Dictionary<ulong, PacketFrameChannel> _channels = [];
    private readonly object _sync = new();
    private ulong _nextToken;
    private volatile bool _stopping;

    public FrameReactor()
    {
        Errno err = Epoll.Create(out Epoll? epoll);
        if (!err.IsSuccess)
        {
            throw new InvalidOperationException($"epoll_create1 failed: {err.Message}");
        }
        _epoll = epoll!;
        err = EventFd.Create(out EventFd? wake);
        if (!err.IsSuccess)
        {
            _epoll.Dispose();
            throw new InvalidOperationException($"eventfd failed: {err.Message}");
        }
        _wake = wake!;
        _epoll.Add(_wake.Fd, EpollFlags.In, StopToken);
        _thread = new Thread(Run) { IsBackground = true, Name = "netteam-control-frames" };
        _thread.Start();
    }

    internal Errno Register(PacketFrameChannel channel, int fd, out ulong token)
    {
        lock (_sync)
        {
            token = _nextToken++;
            Errno err = _epoll.Add(fd, EpollFlags.In, token);
            if (err.IsSuccess)
            {
                _channels[token] = channel;
            }
            return err;
        }
    }

    internal void Unregister(ulong token, int fd)
    {
        lock (_sync)
        {
            _channels.Remove(token);
            _epoll.Remove(fd);
        }
    }

    private void Run()
    {
        Span<EpollEvent> events = stackalloc EpollEvent[16];
        byte[] buffer = new byte[PacketFrameChannel.MaxFrame + 1];
        while (!_stopping)
        {
            int n = _epoll.Wait(events, -1, out Errno err);
            if (n < 0)
            {
                if (err != Errno.EINTR)
                {
                    return;
                }
                continue;
            }
            for (int i = 0; i < n; i++)
            {
                ulong token = events[i].Data;
                if (token == StopToken)
                {
                    return;
                }
                PacketFrameChannel? channel;
                lock (_sync)
                {
                    _channels.TryGetValue(token, out channel);
                }
                channel?.Drain(buffer);
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Signal();
        _thread.Join(TimeSpan.FromSeconds(5));
        _epoll.Dispose();
        _wake.Dispose();
    }
}
