namespace NetTeam.Cli.Bonding;

/// <summary>
/// The modes in which bonding uses an option (bonding.rst §2, each option's "only in ... mode"), and the notes
/// for options given where they do nothing, or that have no teamd equivalent.
/// </summary>
internal static class BondOptionScope
{
    private static readonly int[] s_lacp = [BondChoices.Lacp];
    private static readonly int[] s_activeSlave = [BondChoices.ActiveBackup, BondChoices.BalanceTlb, BondChoices.BalanceAlb];
    private static readonly int[] s_activeBackup = [BondChoices.ActiveBackup];
    private static readonly int[] s_tlb = [BondChoices.BalanceTlb, BondChoices.BalanceAlb];

    private static readonly Dictionary<string, int[]> s_modes = new()
    {
        ["lacp_rate"] = s_lacp,
        ["lacp_active"] = s_lacp,
        ["ad_select"] = s_lacp,
        ["min_links"] = s_lacp,
        ["ad_actor_sys_prio"] = s_lacp,
        ["ad_user_port_key"] = s_lacp,
        ["ad_actor_system"] = s_lacp,
        ["coupled_control"] = s_lacp,
        ["broadcast_neighbor"] = s_lacp,
        ["xmit_hash_policy"] = [BondChoices.BalanceXor, BondChoices.Lacp, BondChoices.BalanceTlb, BondChoices.BalanceAlb],
        ["primary"] = s_activeSlave,
        ["primary_reselect"] = s_activeSlave,
        ["active_slave"] = s_activeSlave,
        ["clear_active_slave"] = s_activeSlave,
        ["fail_over_mac"] = s_activeBackup,
        ["num_grat_arp"] = s_activeBackup,
        ["num_unsol_na"] = s_activeBackup,
        ["peer_notif_delay"] = s_activeBackup,
        ["arp_all_targets"] = s_activeBackup,
        ["packets_per_slave"] = [BondChoices.BalanceRr],
        ["tlb_dynamic_lb"] = s_tlb,
        ["lp_interval"] = s_tlb,
        ["resend_igmp"] = [BondChoices.BalanceRr, BondChoices.ActiveBackup, BondChoices.BalanceTlb, BondChoices.BalanceAlb],
    };

    /// <summary>A note for each option that does nothing in the bond's mode, else for each that has no teamd equivalent.</summary>
    public static void Note(BondSettings s, List<string> notes)
    {
        foreach (BondOption o in s.Given)
        {
            if (s_modes.TryGetValue(o.Name, out int[]? modes) && !modes.Contains(s.Mode))
            {
                notes.Add(o.Note($"left out: no effect in {BondChoices.ModeName(s.Mode)}; bonding uses it only in {string.Join(", ", modes.Select(BondChoices.ModeName))}"));
            }
            else if (s.UnconvertedReason(o.Name) is string reason)
            {
                notes.Add(o.Note(reason));
            }
        }
    }
}
