namespace NetTeam.Bpf;

/// <summary>skb->pkt_type values (linux/if_packet.h PACKET_*), set by eth_type_trans from the destination MAC.</summary>
public static class PacketType
{
    public const int Host = 0;
    public const int Broadcast = 1;
    public const int Multicast = 2;
    public const int OtherHost = 3;
    public const int Outgoing = 4;
}
