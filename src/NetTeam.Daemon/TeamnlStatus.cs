using NetTeam.Control.Client;
using NetTeam.Device.Options;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Daemon;

/// <summary>The device's options and ports as teamnl lists them (the items <see cref="Control.Protocol.TeamnlJson"/> writes).</summary>
internal static class TeamnlStatus
{
    /// <summary>An option instance: its type in teamnl's lower case, its value in teamnl's text.</summary>
    public static TeamOptionStatus Of(TeamOption o, bool changed, bool removed) =>
        new(o.Name, o.Type.ToString().ToLowerInvariant(), o.Value.ToString(), o.PortName, o.ArrayIndex, changed, removed);

    public static TeamPortStatus Of(TeamPortInfo p, bool changed, bool removed) =>
        new(p.IfIndex, p.Name, p.Link.Up, p.Link.SpeedMbps, p.Link.Duplex == Duplex.Full, changed, removed);
}
