namespace NetTeam.Runners.Host;

/// <summary>A control frame as received: the whole Ethernet frame, and the VLAN id the kernel took off it.</summary>
public delegate void FrameReceived(ReadOnlySpan<byte> frame, ushort? vlanId);
