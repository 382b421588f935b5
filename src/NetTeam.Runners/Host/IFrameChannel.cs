using NetTeam.Interop;

namespace NetTeam.Runners.Host;

/// <summary>A port's control-frame channel (teamd's per-port packet sockets, libteam teamd/teamd_lw_psr.c).</summary>
public interface IFrameChannel : IDisposable
{
    /// <summary>Sends one whole Ethernet frame out of the port (a VLAN tag, if any, is in the frame).</summary>
    Errno Send(ReadOnlySpan<byte> frame);

    /// <summary>Frames delivered to the handler.</summary>
    long Received { get; }

    /// <summary>Frames dropped before the handler: longer than the channel's buffer.</summary>
    long Dropped { get; }

    /// <summary>Frames the system dropped because they came faster than the handler took them (a full receive queue).</summary>
    long Overflowed { get; }
}
