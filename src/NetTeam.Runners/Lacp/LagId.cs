using NetTeam.Interop;

namespace NetTeam.Runners.Lacp;

/// <summary>
/// What makes ports aggregatable together (IEEE 802.1AX-2014 6.3.6, the LAG ID, seen from our side where the
/// actor system is the team's for every port): our key and the partner's system priority, system and key.
/// A port whose partner is Individual (Aggregation clear) gets a LAG ID of its own, <paramref name="IndividualPort"/>.
/// </summary>
internal readonly record struct LagId(ushort ActorKey, ushort PartnerSystemPriority, MacAddress PartnerSystem, ushort PartnerKey, int IndividualPort);
