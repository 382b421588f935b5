namespace NetTeam.Interop;

/// <summary>PACKET_MR_* membership kinds (packet(7)).</summary>
public enum PacketMembership
{
    Multicast = 0,
    Promiscuous = 1,
    AllMulticast = 2,
}
