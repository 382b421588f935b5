namespace NetTeam.Device.DataPlane;

/// <summary>A port as a data plane holds it: its slot, its netdev and the carrier it was attached with.</summary>
internal readonly record struct PortAttachment(int Slot, int IfIndex, string Name, bool Carrier);
