using System.Text.Json.Nodes;

namespace NetTeam.Cli.Bonding;

/// <summary>
/// The ports (bonding's slaves) and what bonding sets per slave: primary as a higher activebackup prio,
/// primary_reselect as sticky on the other ports, queue_id, and ad_user_port_key as lacp_key (teamd.conf(5)
/// ports.PORT). With no ports named, a port that an option names is added.
/// </summary>
internal static class PortConversion
{
    /// <summary>The primary's prio: above the others' 0, teamd's default.</summary>
    public const int PrimaryPrio = 100;

    public static JsonObject Ports(BondSettings s, IReadOnlyList<string> named, List<string> notes)
    {
        JsonObject ports = [];
        foreach (string name in named)
        {
            ports[name] = new JsonObject();
        }
        bool known = named.Count > 0;
        Primary(s, ports, known, notes);
        foreach ((string name, int id, BondOption option) in s.QueueIds)
        {
            Port(ports, name, known, option)["queue_id"] = id;
        }
        if (s.QueueIds.Count > 0)
        {
            notes.Add(s.Option("queue_id")!.Note("netteamd stores a port's queue_id but does not apply it yet (docs/differences.md)"));
        }
        if (s.Mode == BondChoices.Lacp && s.AdUserPortKey is int key)
        {
            LacpKeys(s.Option("ad_user_port_key")!, key << 6, ports, notes);
        }
        return ports;
    }

    /// <summary>
    /// primary: in active-backup a prio above the others (activebackup takes the best prio among the ports that
    /// are up); primary_reselect better and failure: the other ports sticky, so a returning primary does not take
    /// over from them.
    /// </summary>
    private static void Primary(BondSettings s, JsonObject ports, bool known, List<string> notes)
    {
        BondOption? o = s.Option("primary");
        BondOption? reselect = s.Option("primary_reselect");
        if (s.Mode is BondChoices.BalanceTlb or BondChoices.BalanceAlb)
        {
            foreach (BondOption left in new[] { o, reselect }.OfType<BondOption>())
            {
                notes.Add(left.Note("left out: it chooses the port that receives in balance-tlb and balance-alb, and every port of loadbalance receives"));
            }
            return;
        }
        if (s.Mode != BondChoices.ActiveBackup)
        {
            return;
        }
        if (o is null)
        {
            if (reselect is not null)
            {
                notes.Add(reselect.Note("left out: it has no effect without primary"));
            }
            return;
        }
        Port(ports, s.Primary!, known, o)["prio"] = PrimaryPrio;
        notes.Add(o.Note($"prio {PrimaryPrio} on {s.Primary}, the others 0; netteamd compares prio first, where teamd lets a faster port win over a higher prio (libteam issue #66)"));
        if ((s.PrimaryReselect ?? 0) == 0)
        {
            return;
        }
        List<string> others = [.. ports.Select(p => p.Key).Where(p => p != s.Primary)];
        foreach (string other in others)
        {
            ports[other]!["sticky"] = true;
        }
        notes.Add(reselect!.Note((s.PrimaryReselect == 1 ? "approximation: with bonding's better a returning primary takes over when it is faster than the active port, here only when the active port fails; " : string.Empty)
            + (others.Count == 0 ? "no other ports are named: give every port but the primary \"sticky\": true" : "the other ports are sticky, so a returning primary waits until the active port fails; a port added later needs \"sticky\": true too")));
    }

    /// <summary>bonding's key is ad_user_port_key in the upper 10 bits over speed and duplex bits (bonding.rst ad_user_port_key); teamd's lacp_key is the whole key.</summary>
    private static void LacpKeys(BondOption o, int key, JsonObject ports, List<string> notes)
    {
        foreach ((string _, JsonNode? port) in ports)
        {
            port!["lacp_key"] = key;
        }
        notes.Add(o.Note(ports.Count == 0
            ? $"no ports are named: give each port \"lacp_key\": {key} (the value in the key's upper 10 bits)"
            : $"lacp_key {key} on each port: the value in the key's upper 10 bits; bonding adds the speed and duplex in the lower 6, teamd's lacp_key is the whole key"));
    }

    /// <summary>The port's object; a port an option names must be one of the named ports, if any are.</summary>
    private static JsonObject Port(JsonObject ports, string name, bool known, BondOption o)
    {
        if (ports[name] is JsonObject port)
        {
            return port;
        }
        if (known)
        {
            throw new BondException($"{o.At}{o.Key}: \"{o.Value}\" is not valid (expected one of the ports, {string.Join(", ", ports.Select(p => p.Key))})");
        }
        port = [];
        ports[name] = port;
        return port;
    }
}
