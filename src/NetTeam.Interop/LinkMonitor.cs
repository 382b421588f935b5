using System.Buffers.Binary;
using NetTeam.Interop.Native;

namespace NetTeam.Interop;

/// <summary>
/// Watches RTNLGRP_LINK (rtnetlink(7)) in the namespace of the thread that starts it: a background thread
/// polls the netlink socket and an eventfd (so Dispose stops it at once) and reports each
/// RTM_NEWLINK/RTM_DELLINK. ENOBUFS on a receive means the kernel dropped notifications that did not fit
/// the socket's buffer (netlink(7)): it is reported as an overrun, after which the owner must read the links it
/// cares about again, since any of their changes may be among the lost; monitoring goes on.
/// </summary>
public sealed unsafe class LinkMonitor : IDisposable
{
    private const int NETLINK_ROUTE = 0;
    private const uint RTMGRP_LINK = 1;
    private const short POLLIN = 1;

    private readonly FileDescriptorHandle _socket;
    private readonly EventFd _stop;
    private readonly Action<LinkEvent> _onEvent;
    private readonly Action _onOverrun;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private LinkMonitor(FileDescriptorHandle socket, EventFd stop, Action<LinkEvent> onEvent, Action onOverrun)
    {
        _socket = socket;
        _stop = stop;
        _onEvent = onEvent;
        _onOverrun = onOverrun;
        _thread = new Thread(Run) { IsBackground = true, Name = "netteam-linkmonitor" };
    }

    /// <summary>The receive buffer asked for: bursts of link events must not be lost to a small one (ENOBUFS).</summary>
    public const int DefaultReceiveBuffer = 4 * 1024 * 1024;

    /// <param name="onEvent">Each link notification, on the monitor's thread.</param>
    /// <param name="onOverrun">Notifications were lost (ENOBUFS), on the monitor's thread.</param>
    /// <param name="receiveBuffer">SO_RCVBUF(FORCE); a test makes it tiny to provoke ENOBUFS.</param>
    public static Errno Start(Action<LinkEvent> onEvent, Action onOverrun, out LinkMonitor? monitor, int receiveBuffer = DefaultReceiveBuffer)
    {
        monitor = null;
        Errno err = Libc.OpenSocket(Libc.AF_NETLINK, Libc.SOCK_RAW, NETLINK_ROUTE, out FileDescriptorHandle? socket);
        if (!err.IsSuccess)
        {
            return err;
        }
        SockaddrNl addr = new() { Family = Libc.AF_NETLINK, Groups = RTMGRP_LINK };
        if (Libc.Bind(socket!.Fd, &addr, (uint)sizeof(SockaddrNl)) < 0)
        {
            err = Errno.FromLastError();
            socket.Dispose();
            return err;
        }
        if (!Libc.SetSockOptInt(socket.Fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, receiveBuffer).IsSuccess)
        {
            Libc.SetSockOptInt(socket.Fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, receiveBuffer);
        }
        err = EventFd.Create(out EventFd? stop);
        if (!err.IsSuccess)
        {
            socket.Dispose();
            return err;
        }
        monitor = new LinkMonitor(socket, stop!, onEvent, onOverrun);
        monitor._thread.Start();
        return Errno.Success;
    }

    private void Run()
    {
        byte[] buffer = new byte[64 * 1024];
        PollFd* fds = stackalloc PollFd[2];
        while (!_stopping)
        {
            fds[0] = new PollFd { Fd = _socket.Fd, Events = POLLIN };
            fds[1] = new PollFd { Fd = _stop.Fd, Events = POLLIN };
            int r = Libc.Poll(fds, 2, -1);
            if (r < 0 || _stopping || (fds[1].Revents & POLLIN) != 0)
            {
                if (r < 0 && Errno.FromLastError() == Errno.EINTR)
                {
                    continue;
                }
                return;
            }
            int n;
            fixed (byte* p = buffer)
            {
                n = (int)Libc.Recv(_socket.Fd, p, (nuint)buffer.Length, RawIo.DontWait);
            }
            if (n < 0 && Errno.FromLastError() == Errno.ENOBUFS)
            {
                Report(_onOverrun);
                continue;
            }
            if (n <= 0)
            {
                continue;
            }
            int offset = 0;
            while (offset + NetlinkMessage.HeaderSize <= n)
            {
                int len = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset));
                ushort type = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset + 4));
                if (len < NetlinkMessage.HeaderSize || offset + len > n)
                {
                    break;
                }
                if (type is NetlinkMessage.RTM_NEWLINK or NetlinkMessage.RTM_DELLINK &&
                    NetlinkMessage.ParseLink(buffer.AsMemory(offset + NetlinkMessage.HeaderSize, len - NetlinkMessage.HeaderSize)) is LinkInfo link)
                {
                    LinkEventKind kind = type == NetlinkMessage.RTM_NEWLINK ? LinkEventKind.NewLink : LinkEventKind.DeleteLink;
                    Report(() => _onEvent(new LinkEvent(kind, link)));
                }
                offset += (len + 3) & ~3;
            }
        }
    }

    private static void Report(Action report)
    {
        try
        {
            report();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failing handler must not stop link monitoring; the handler logs its own errors.
        }
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }
        _stopping = true;
        _stop.Signal();
        if (Environment.CurrentManagedThreadId != _thread.ManagedThreadId)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
        _socket.Dispose();
        _stop.Dispose();
    }
}
