namespace NetTeam.Interop;

/// <summary>epoll event bits (epoll_ctl(2)).</summary>
[Flags]
public enum EpollFlags : uint
{
    None = 0,
    In = 0x1,
    Out = 0x4,
    Error = 0x8,
    HangUp = 0x10,
    EdgeTriggered = 1u << 31,
}
