using System.Globalization;
using System.Net.Sockets;

namespace NetTeam.Cli.Bonding;

/// <summary>
/// A bond's options, read and checked (every option of Documentation/networking/bonding.rst §2 and of
/// ip-link(8)'s bond arguments): the values the conversion uses, and for the options with no teamd
/// equivalent, why. An option given twice takes its last value; arp_ip_target, ns_ip6_target and queue_id
/// add up, as bonding's sysfs files do. Unset values are null: bonding's defaults are the converters' business.
/// </summary>
internal sealed class BondSettings
{
    /// <summary>queue_id is below the team's 16 transmit queues (TEAM_DEFAULT_NUM_TX_QUEUES), as netteamd checks it.</summary>
    public const int MaxQueueId = 15;

    /// <summary>teamd's lacp runner.min_ports takes 1 to 1024 (teamd-spec §2.4).</summary>
    public const int MaxMinPorts = 1024;

    private static readonly Dictionary<string, Action<BondSettings, BondOption>> s_options = new()
    {
        ["mode"] = (s, o) => s.Mode = BondValues.Choice(o, BondChoices.Modes),
        ["miimon"] = (s, o) => s.Miimon = BondValues.Milliseconds(o),
        ["updelay"] = (s, o) => s.Updelay = BondValues.Milliseconds(o),
        ["downdelay"] = (s, o) => s.Downdelay = BondValues.Milliseconds(o),
        ["use_carrier"] = (s, o) => s.Unconverted(o, !BondValues.Flag(o), "no equivalent: the ethtool watcher follows the carrier, as use_carrier=1 does; polling by MII or ethtool ioctls is not offered"),
        ["arp_interval"] = (s, o) => s.ArpInterval = BondValues.Milliseconds(o),
        ["arp_ip_target"] = (s, o) => BondValues.Targets(o, s.ArpIpTargets, AddressFamily.InterNetwork),
        ["ns_ip6_target"] = (s, o) => BondValues.Targets(o, s.NsIp6Targets, AddressFamily.InterNetworkV6),
        ["arp_validate"] = (s, o) => s.ArpValidate = BondValues.Choice(o, BondChoices.ArpValidate),
        ["arp_all_targets"] = (s, o) => s.ArpAllTargets = BondValues.Choice(o, BondChoices.ArpAllTargets),
        ["arp_missed_max"] = (s, o) => s.ArpMissedMax = BondValues.Number(o, 1, 255, "a number of intervals"),
        ["primary"] = (s, o) => s.Primary = BondValues.Interface(o),
        ["primary_reselect"] = (s, o) => s.PrimaryReselect = BondValues.Choice(o, BondChoices.PrimaryReselect),
        ["active_slave"] = (s, o) => s.Unconverted(o, o.Value.Length == 0 || BondValues.Interface(o).Length > 0, $"no equivalent in teamd's config; once the team runs: netteamctl TEAM state item set runner.active_port {o.Value}"),
        ["clear_active_slave"] = (s, o) => s.Unconverted(o, true, "no equivalent: activebackup chooses its active port by itself"),
        ["fail_over_mac"] = (s, o) => s.FailOverMac = BondValues.Choice(o, BondChoices.FailOverMac),
        ["xmit_hash_policy"] = (s, o) => s.XmitHashPolicy = BondValues.Choice(o, BondChoices.XmitHashPolicies),
        ["lacp_rate"] = (s, o) => s.LacpRate = BondValues.Choice(o, BondChoices.LacpRate),
        ["lacp_active"] = (s, o) => s.LacpActive = BondValues.Choice(o, BondChoices.LacpActive) == 1,
        ["ad_select"] = (s, o) => s.AdSelect = BondValues.Choice(o, BondChoices.AdSelect),
        ["min_links"] = (s, o) => s.MinLinks = BondValues.Number(o, 0, MaxMinPorts, "a number of ports (teamd's min_ports takes at most 1024)"),
        ["ad_actor_sys_prio"] = (s, o) => s.AdActorSysPrio = BondValues.Number(o, 1, 65535, "a system priority"),
        ["ad_user_port_key"] = (s, o) => s.AdUserPortKey = BondValues.Number(o, 0, 1023, "the upper 10 bits of the port key"),
        ["ad_actor_system"] = (s, o) => s.Unconverted(o, BondValues.IsMac(o.Value) ? true : throw o.Invalid("a MAC address such as 02:00:00:00:00:01"), "no equivalent: teamd's LACP system id is the team's MAC address; \"hwaddr\" sets it, and the team's own address with it"),
        ["coupled_control"] = (s, o) => s.Unconverted(o, !BondValues.Flag(o), "no equivalent: teamd's lacp runner starts and stops collecting and distributing on a port together (coupled control)"),
        ["broadcast_neighbor"] = (s, o) => s.Unconverted(o, BondValues.Flag(o), "no equivalent: team sends ARP and neighbour discovery through the mode like any frame, on one port"),
        ["num_grat_arp"] = (s, o) => s.NumPeerNotif = BondValues.Number(o, 0, 255, "a number of notifications"),
        ["num_unsol_na"] = (s, o) => s.NumPeerNotif = BondValues.Number(o, 0, 255, "a number of notifications"),
        ["peer_notif_delay"] = (s, o) => s.PeerNotifDelay = BondValues.Milliseconds(o, 300000),
        ["resend_igmp"] = (s, o) => s.ResendIgmp = BondValues.Number(o, 0, 255, "a number of reports"),
        ["all_slaves_active"] = (s, o) => s.Unconverted(o, BondValues.Flag(o), "no equivalent: team passes nothing that arrives on a disabled port (a backup, an unselected LACP port) to the team"),
        ["packets_per_slave"] = (s, o) => s.PacketsPerSlave = BondValues.Number(o, 0, 65535, "a number of packets"),
        ["tlb_dynamic_lb"] = (s, o) => s.TlbDynamicLb = BondValues.Flag(o),
        ["lp_interval"] = (s, o) => s.Unconverted(o, BondValues.Number(o, 1, int.MaxValue, "a number of seconds") > 0, "no equivalent: team sends no learning packets to the switch"),
        ["queue_id"] = (s, o) => s.AddQueueId(o),
        ["max_bonds"] = (s, o) => s.Unconverted(o, BondValues.Number(o, 0, int.MaxValue, "a number of bonds") >= 0, "no equivalent: a module-wide setting; netteamd runs one team per config (netteamd@TEAM.service)"),
        ["tx_queues"] = (s, o) => s.Unconverted(o, BondValues.Number(o, 1, 255, "a number of queues") > 0, "no equivalent: a module-wide setting; netteamd sets up the team interface's queues itself"),
    };

    private readonly Dictionary<string, BondOption> _given = [];
    private readonly Dictionary<string, string> _unconverted = [];

    private BondSettings()
    {
    }

    /// <summary>Every option bonding has, in bonding.rst's order of topics; the expectation of an unknown one.</summary>
    public static IEnumerable<string> Names => s_options.Keys;

    public int Mode { get; private set; } = BondChoices.BalanceRr;

    public int? Miimon { get; private set; }

    public int? Updelay { get; private set; }

    public int? Downdelay { get; private set; }

    public int? ArpInterval { get; private set; }

    public List<string> ArpIpTargets { get; } = [];

    public List<string> NsIp6Targets { get; } = [];

    public int? ArpValidate { get; private set; }

    public int? ArpAllTargets { get; private set; }

    public int? ArpMissedMax { get; private set; }

    public string? Primary { get; private set; }

    public int? PrimaryReselect { get; private set; }

    public int? FailOverMac { get; private set; }

    public int? XmitHashPolicy { get; private set; }

    public int? LacpRate { get; private set; }

    public bool? LacpActive { get; private set; }

    public int? AdSelect { get; private set; }

    public int? MinLinks { get; private set; }

    public int? AdActorSysPrio { get; private set; }

    public int? AdUserPortKey { get; private set; }

    public int? NumPeerNotif { get; private set; }

    public int? PeerNotifDelay { get; private set; }

    public int? ResendIgmp { get; private set; }

    public int? PacketsPerSlave { get; private set; }

    public bool? TlbDynamicLb { get; private set; }

    /// <summary>queue_id's port:id pairs, in the order given, each with its option.</summary>
    public List<(string Port, int Id, BondOption Option)> QueueIds { get; } = [];

    /// <summary>The options given, each once (its last value), in the order first given.</summary>
    public IEnumerable<BondOption> Given => _given.Values;

    /// <summary>Reads and checks <paramref name="options"/>; a <see cref="BondException"/> names the first bad one.</summary>
    public static BondSettings From(IEnumerable<BondOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        BondSettings s = new();
        foreach (BondOption o in options)
        {
            if (!s_options.TryGetValue(o.Name, out Action<BondSettings, BondOption>? apply))
            {
                throw new BondException($"{o.At}{o.Key}: unknown bonding option, given \"{o.Value}\" (expected one of {string.Join(", ", Names)})");
            }
            apply(s, o);
            s._given[o.Name] = o;
        }
        return s;
    }

    /// <summary>The option as last given, or null.</summary>
    public BondOption? Option(string name) => _given.GetValueOrDefault(name);

    /// <summary>Why the option, as given, has no teamd equivalent; null when it converts (or is left at a harmless value).</summary>
    public string? UnconvertedReason(string name) => _unconverted.GetValueOrDefault(name);

    private void Unconverted(BondOption o, bool matters, string reason)
    {
        if (matters)
        {
            _unconverted[o.Name] = reason;
        }
        else
        {
            _unconverted.Remove(o.Name);
        }
    }

    /// <summary>queue_id PORT:ID (bonding.rst §3.6, "eth1:2"); one pair per option.</summary>
    private void AddQueueId(BondOption o)
    {
        int colon = o.Value.LastIndexOf(':');
        string expected = string.Create(CultureInfo.InvariantCulture, $"PORT:ID with an ID of 0 to {MaxQueueId}, such as eth1:2");
        if (colon <= 0 || !BondValues.IsInterfaceName(o.Value[..colon])
            || !int.TryParse(o.Value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id > MaxQueueId)
        {
            throw o.Invalid(expected);
        }
        string port = o.Value[..colon];
        QueueIds.RemoveAll(q => q.Port == port);
        QueueIds.Add((port, id, o));
    }
}
