using NetTeam.Interop;

namespace NetTeam.Device.Ports;

/// <summary>A port's link as the team API reports it: carrier, speed in Mbit/s (-1 unknown) and duplex.</summary>
public readonly record struct PortLink(bool Up, int SpeedMbps, Duplex Duplex);
