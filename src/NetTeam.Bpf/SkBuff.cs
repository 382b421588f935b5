namespace NetTeam.Bpf;

/// <summary>
/// Offsets of struct __sk_buff (linux/bpf.h), the context a SCHED_CLS program reads through R1. The
/// verifier rewrites these loads into reads of the real sk_buff; a test checks them against gcc.
/// </summary>
public static class SkBuff
{
    /// <summary>sizeof(struct __sk_buff): the largest context BPF_PROG_TEST_RUN accepts.</summary>
    public const int Size = 192;

    /// <summary>u32 len: bytes of the frame from its MAC header (tc sees the Ethernet header).</summary>
    public const short Len = 0;

    /// <summary>u32 pkt_type: PACKET_HOST, PACKET_BROADCAST, PACKET_MULTICAST, PACKET_OTHERHOST, ...</summary>
    public const short PktType = 4;

    public const short Mark = 8;

    public const short QueueMapping = 12;

    /// <summary>u32 protocol: the EtherType in network order (eth_type_trans).</summary>
    public const short Protocol = 16;

    /// <summary>u32 vlan_present: the outer tag is kept beside the frame (tx-vlan offload) rather than in it.</summary>
    public const short VlanPresent = 20;

    /// <summary>u32 vlan_tci: that tag's TCI, in host order.</summary>
    public const short VlanTci = 24;

    public const short VlanProto = 28;

    public const short Priority = 32;

    public const short IngressIfIndex = 36;

    /// <summary>u32 ifindex: the device the frame is on (the port, at tcx ingress).</summary>
    public const short IfIndex = 40;
}
