using System.Runtime.InteropServices;

namespace NetTeam.Interop;

/// <summary>struct epoll_event, packed on x86_64 (sys/epoll.h __EPOLL_PACKED).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct EpollEvent
{
    public uint Events;
    public ulong Data;
}
