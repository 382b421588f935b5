using NetTeam.Bpf.Asm;

namespace NetTeam.Bpf.Tests;

/// <summary>The numbers NetTeam.Bpf spells out, against this machine's uapi headers through gcc.</summary>
public class UapiTests
{
    private static readonly Lazy<Dictionary<string, long>> s_c = new(() => Gcc.Values("""
        #include <stdio.h>
        #include <stddef.h>
        #include <linux/bpf.h>
        #include <linux/pkt_cls.h>
        #include <linux/if_packet.h>
        #define C(c) printf(#c " %lld\n", (long long)(c));
        #define O(f) printf("skb." #f " %zu\n", offsetof(struct __sk_buff, f));
        int main(void) {
            C(BPF_FUNC_map_lookup_elem) C(BPF_FUNC_map_update_elem) C(BPF_FUNC_map_delete_elem) C(BPF_FUNC_ktime_get_ns) C(BPF_FUNC_trace_printk)
            C(BPF_FUNC_get_prandom_u32) C(BPF_FUNC_get_smp_processor_id) C(BPF_FUNC_skb_store_bytes) C(BPF_FUNC_l3_csum_replace) C(BPF_FUNC_l4_csum_replace)
            C(BPF_FUNC_tail_call) C(BPF_FUNC_clone_redirect) C(BPF_FUNC_skb_vlan_push) C(BPF_FUNC_skb_vlan_pop) C(BPF_FUNC_redirect) C(BPF_FUNC_skb_load_bytes)
            C(BPF_FUNC_csum_diff) C(BPF_FUNC_get_hash_recalc) C(BPF_FUNC_skb_change_tail) C(BPF_FUNC_skb_pull_data) C(BPF_FUNC_redirect_map)
            C(BPF_FUNC_ktime_get_boot_ns) C(BPF_FUNC_redirect_neigh) C(BPF_FUNC_redirect_peer) C(BPF_FUNC_loop)
            C(TC_ACT_OK) C(TC_ACT_SHOT) C(TC_ACT_REDIRECT) C(BPF_F_INGRESS)
            C(PACKET_HOST) C(PACKET_BROADCAST) C(PACKET_MULTICAST) C(PACKET_OTHERHOST) C(PACKET_OUTGOING)
            printf("skb.size %zu\n", sizeof(struct __sk_buff)); O(len) O(pkt_type) O(mark) O(queue_mapping) O(protocol) O(vlan_present) O(vlan_tci) O(vlan_proto) O(priority) O(ingress_ifindex) O(ifindex)
            C(BPF_PSEUDO_MAP_FD)
            return 0;
        }
        """));

    public static TheoryData<Helper> Helpers => [.. Enum.GetValues<Helper>()];

    [Theory]
    [MemberData(nameof(Helpers))]
    public void HelperIdsAreTheKernels(Helper helper)
    {
        // Helper.MapLookupElem -> BPF_FUNC_map_lookup_elem
        string name = "BPF_FUNC_" + string.Concat(helper.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
        Assert.True(s_c.Value.ContainsKey(name), $"no {name} in the C program");
        Assert.Equal(s_c.Value[name], (long)helper);
    }

    [Fact]
    public void TcVerdictsAndPacketTypes()
    {
        Assert.Equal(TcAction.Ok, s_c.Value["TC_ACT_OK"]);
        Assert.Equal(TcAction.Shot, s_c.Value["TC_ACT_SHOT"]);
        Assert.Equal(TcAction.Redirect, s_c.Value["TC_ACT_REDIRECT"]);
        Assert.Equal(TcAction.RedirectIngress, s_c.Value["BPF_F_INGRESS"]);
        Assert.Equal(PacketType.Host, s_c.Value["PACKET_HOST"]);
        Assert.Equal(PacketType.Broadcast, s_c.Value["PACKET_BROADCAST"]);
        Assert.Equal(PacketType.Multicast, s_c.Value["PACKET_MULTICAST"]);
        Assert.Equal(PacketType.OtherHost, s_c.Value["PACKET_OTHERHOST"]);
        Assert.Equal(PacketType.Outgoing, s_c.Value["PACKET_OUTGOING"]);
        Assert.Equal(OpCodes.PseudoMapFd, s_c.Value["BPF_PSEUDO_MAP_FD"]);
    }

    [Fact]
    public void SkBuffOffsets()
    {
        Assert.Equal(SkBuff.Size, s_c.Value["skb.size"]);
        (string Field, short Ours)[] fields =
        [
            ("len", SkBuff.Len), ("pkt_type", SkBuff.PktType), ("mark", SkBuff.Mark), ("queue_mapping", SkBuff.QueueMapping),
            ("protocol", SkBuff.Protocol), ("vlan_present", SkBuff.VlanPresent), ("vlan_tci", SkBuff.VlanTci), ("vlan_proto", SkBuff.VlanProto),
            ("priority", SkBuff.Priority), ("ingress_ifindex", SkBuff.IngressIfIndex), ("ifindex", SkBuff.IfIndex),
        ];
        foreach ((string field, short ours) in fields)
        {
            Assert.True(s_c.Value["skb." + field] == ours, $"__sk_buff.{field}: gcc {s_c.Value["skb." + field]}, ours {ours}");
        }
    }
}
