namespace NetTeam.Bpf.Asm;

/// <summary>
/// Helper functions by id (enum bpf_func_id, linux/bpf.h; semantics in bpf-helpers(7)). Arguments go in
/// R1-R5, the result comes back in R0.
/// </summary>
public enum Helper
{
    /// <summary>void *bpf_map_lookup_elem(map, key): a pointer to the value or NULL.</summary>
    MapLookupElem = 1,

    /// <summary>long bpf_map_update_elem(map, key, value, flags).</summary>
    MapUpdateElem = 2,

    /// <summary>long bpf_map_delete_elem(map, key).</summary>
    MapDeleteElem = 3,

    /// <summary>u64 bpf_ktime_get_ns(void): CLOCK_MONOTONIC.</summary>
    KtimeGetNs = 5,

    /// <summary>long bpf_trace_printk(fmt, fmt_size, ...): GPL only.</summary>
    TracePrintk = 6,

    /// <summary>u32 bpf_get_prandom_u32(void).</summary>
    GetPrandomU32 = 7,

    /// <summary>u32 bpf_get_smp_processor_id(void).</summary>
    GetSmpProcessorId = 8,

    /// <summary>long bpf_skb_store_bytes(skb, offset, from, len, flags).</summary>
    SkbStoreBytes = 9,

    /// <summary>long bpf_l3_csum_replace(skb, offset, from, to, size).</summary>
    L3CsumReplace = 10,

    /// <summary>long bpf_l4_csum_replace(skb, offset, from, to, flags).</summary>
    L4CsumReplace = 11,

    /// <summary>long bpf_tail_call(ctx, prog_array_map, index).</summary>
    TailCall = 12,

    /// <summary>long bpf_clone_redirect(skb, ifindex, flags): sends a clone now, 0 on success.</summary>
    CloneRedirect = 13,

    /// <summary>long bpf_skb_vlan_push(skb, proto, tci).</summary>
    SkbVlanPush = 18,

    /// <summary>long bpf_skb_vlan_pop(skb).</summary>
    SkbVlanPop = 19,

    /// <summary>long bpf_redirect(ifindex, flags): TC_ACT_REDIRECT; the frame goes once the program returns.</summary>
    Redirect = 23,

    /// <summary>long bpf_skb_load_bytes(skb, offset, to, len): 0, or a negative error past the frame's end.</summary>
    SkbLoadBytes = 26,

    /// <summary>s64 bpf_csum_diff(from, from_size, to, to_size, seed).</summary>
    CsumDiff = 28,

    /// <summary>u32 bpf_get_hash_recalc(skb).</summary>
    GetHashRecalc = 34,

    /// <summary>long bpf_skb_change_tail(skb, len, flags).</summary>
    SkbChangeTail = 38,

    /// <summary>long bpf_skb_pull_data(skb, len).</summary>
    SkbPullData = 39,

    /// <summary>long bpf_redirect_map(map, key, flags).</summary>
    RedirectMap = 51,

    /// <summary>u64 bpf_ktime_get_boot_ns(void).</summary>
    KtimeGetBootNs = 125,

    /// <summary>long bpf_redirect_neigh(ifindex, params, plen, flags).</summary>
    RedirectNeigh = 152,

    /// <summary>long bpf_redirect_peer(ifindex, flags): veth and netkit only.</summary>
    RedirectPeer = 155,

    /// <summary>long bpf_loop(nr_loops, callback, ctx, flags).</summary>
    Loop = 181,
}
