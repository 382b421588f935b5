namespace NetTeam.Cli.Bonding;

/// <summary>
/// bonding's named values, each list in the order of the numbers bonding also takes ("Options with textual
/// values will accept either the text name or, for backwards compatibility, the option value",
/// Documentation/networking/bonding.rst §2).
/// </summary>
internal static class BondChoices
{
    public const int BalanceRr = 0;
    public const int ActiveBackup = 1;
    public const int BalanceXor = 2;
    public const int Broadcast = 3;
    public const int Lacp = 4;
    public const int BalanceTlb = 5;
    public const int BalanceAlb = 6;

    public static string[] Modes { get; } = ["balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb"];

    /// <summary>xmit_hash_policy's numbers are not in the documentation's order: layer3+4 is 1 and layer2+3 is 2 (include/uapi/linux/if_bonding.h BOND_XMIT_POLICY_*).</summary>
    public static string[] XmitHashPolicies { get; } = ["layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac"];

    public static string[] ArpValidate { get; } = ["none", "active", "backup", "all", "filter", "filter_active", "filter_backup"];

    public static string[] ArpAllTargets { get; } = ["any", "all"];

    public static string[] PrimaryReselect { get; } = ["always", "better", "failure"];

    public static string[] FailOverMac { get; } = ["none", "active", "follow"];

    public static string[] LacpRate { get; } = ["slow", "fast"];

    public static string[] LacpActive { get; } = ["off", "on"];

    public static string[] AdSelect { get; } = ["stable", "bandwidth", "count", "actor_port_prio"];

    public static string ModeName(int mode) => $"{Modes[mode]} ({mode})";
}
