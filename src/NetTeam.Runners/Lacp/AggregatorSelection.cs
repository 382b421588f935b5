using NetTeam.Interop;

namespace NetTeam.Runners.Lacp;

/// <summary>
/// Selection logic (IEEE 802.1AX-2014 6.4.14; teamd lacp_update_selected, teamd-spec §4.5). Each run starts
/// from scratch: the selectable ports, best first, are grouped into aggregators by LAG ID, each led by its
/// best port; then the policy picks the one aggregator whose ports may carry traffic. A port is selectable
/// when it is CURRENT, or EXPIRED and was selected before the run (802.1AX keeps Selected while a partner is
/// merely late; teamd observably keeps Sync in EXPIRED), and its partner is not our own system (loopback).
/// </summary>
internal sealed class AggregatorSelection
{
    private readonly AggregatorSelectPolicy _policy;
    private LagId? _selectedLagId;

    public AggregatorSelection(AggregatorSelectPolicy policy) => _policy = policy;

    public IReadOnlyList<Aggregator> Aggregators { get; private set; } = [];

    public Aggregator? Selected { get; private set; }

    /// <summary>An aggregator chosen by hand (<c>ports.X.runner.aggregator.selected true</c>), kept while it exists.</summary>
    public LagId? Pinned { get; set; }

    /// <summary>Regroups <paramref name="ports"/>: sets each port's <see cref="LacpPort.Aggregator"/> and picks <see cref="Selected"/>.</summary>
    public void Run(IReadOnlyCollection<LacpPort> ports)
    {
        List<LacpPort> candidates = [];
        foreach (LacpPort p in ports)
        {
            bool wasSelected = p.Aggregator is not null;
            p.Aggregator = null;
            if (p.State == LacpPortState.Current || (p.State == LacpPortState.Expired && wasSelected))
            {
                if (p.Partner.System == p.Actor.System)
                {
                    p.ReportLoopback();
                    continue;
                }
                candidates.Add(p);
            }
        }
        candidates.Sort(Compare);

        List<Aggregator> aggregators = [];
        foreach (LacpPort p in candidates)
        {
            if (p.Aggregator is not null)
            {
                continue;
            }
            Aggregator agg = new(p, LagIdOf(p));
            p.Aggregator = agg;
            aggregators.Add(agg);
            if (agg.LagId.IndividualPort != 0)
            {
                continue;
            }
            foreach (LacpPort q in candidates)
            {
                if (q.Aggregator is null && LagIdOf(q) == agg.LagId)
                {
                    q.Aggregator = agg;
                    agg.Members.Add(q);
                }
            }
        }
        Aggregators = aggregators;
        Selected = Choose(aggregators);
        _selectedLagId = Selected?.LagId;
        if (Pinned is LagId pin && Selected?.LagId != pin)
        {
            Pinned = null;
        }
    }

    private Aggregator? Choose(List<Aggregator> aggregators)
    {
        if (aggregators.Count == 0)
        {
            return null;
        }
        Aggregator? previous = _selectedLagId is LagId id ? aggregators.Find(a => a.LagId == id) : null;
        if (Pinned is LagId pin && aggregators.Find(a => a.LagId == pin) is Aggregator pinned)
        {
            return pinned;
        }
        // Aggregators are in the order of their leads, best first: on a tie the better lead wins.
        return _policy switch
        {
            AggregatorSelectPolicy.LacpPrioStable => previous ?? aggregators[0],
            AggregatorSelectPolicy.Bandwidth => Best(aggregators, a => a.Bandwidth),
            AggregatorSelectPolicy.Count => Best(aggregators, a => a.Members.Count),
            AggregatorSelectPolicy.PortConfig => previous is not null && previous.Members.Exists(m => m.Sticky) ? previous : aggregators[0],
            _ => aggregators[0],
        };
    }

    private static Aggregator Best(List<Aggregator> aggregators, Func<Aggregator, long> score)
    {
        Aggregator best = aggregators[0];
        foreach (Aggregator a in aggregators)
        {
            if (score(a) > score(best))
            {
                best = a;
            }
        }
        return best;
    }

    internal static LagId LagIdOf(LacpPort p)
    {
        LacpduInfo partner = p.Partner;
        // 802.1AX-2014 6.4.14.1: a link whose partner is Individual cannot share an aggregator.
        int individual = (partner.State & LacpState.Aggregation) == 0 ? p.IfIndex : 0;
        return new LagId(p.Actor.Key, partner.SystemPriority, partner.System, partner.Key, individual);
    }

    /// <summary>Best port first: port_config's teamd <c>prio</c> (higher first) when that is the policy, then LACP priority.</summary>
    private int Compare(LacpPort a, LacpPort b)
    {
        if (_policy == AggregatorSelectPolicy.PortConfig && a.Prio != b.Prio)
        {
            return b.Prio.CompareTo(a.Prio);
        }
        int c = PriorityKey(a).CompareTo(PriorityKey(b));
        return c != 0 ? c : a.IfIndex.CompareTo(b.IfIndex);
    }

    /// <summary>
    /// The port's priority as 802.1AX-2014 6.6.1 ranks it: the system with the better (numerically lower)
    /// system priority and system id decides, and its port priority and port number order the ports. teamd
    /// means the same but compares host-order structs with memcmp, so its order depends on endianness
    /// (teamd-spec §2.7); this compares the numbers.
    /// </summary>
    internal static (ushort SystemPriority, ulong System, ushort PortPriority, ushort Port) PriorityKey(LacpPort p)
    {
        LacpduInfo actor = p.Actor;
        LacpduInfo partner = p.Partner;
        var actorSystem = (actor.SystemPriority, Value(actor.System));
        var partnerSystem = (partner.SystemPriority, Value(partner.System));
        LacpduInfo decides = actorSystem.CompareTo(partnerSystem) <= 0 ? actor : partner;
        return (decides.SystemPriority, Value(decides.System), decides.PortPriority, decides.Port);
    }

    private static ulong Value(MacAddress mac)
    {
        Span<byte> b = stackalloc byte[8];
        b.Clear();
        mac.CopyTo(b[2..]);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b);
    }
}
