namespace NetTeam.Runners.Lacp;

/// <summary>
/// One aggregator as selection built it: its lead (best) port, whose ifindex is the aggregator id teamd shows
/// (teamd-spec §3.6), the LAG ID its members share, and the members in selection order.
/// </summary>
internal sealed class Aggregator
{
    public Aggregator(LacpPort lead, LagId lagId)
    {
        Lead = lead;
        LagId = lagId;
        Members = [lead];
    }

    public int Id => Lead.IfIndex;

    public LacpPort Lead { get; }

    public LagId LagId { get; }

    public List<LacpPort> Members { get; }

    /// <summary>Sum of the members' speeds in Mbit/s, an unknown speed (-1) counting as 0.</summary>
    public long Bandwidth => Members.Sum(m => (long)Math.Max(0, m.SpeedMbps));
}
