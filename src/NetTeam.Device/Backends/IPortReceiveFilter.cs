using NetTeam.Interop;

namespace NetTeam.Device.Backends;

/// <summary>
/// What a port must receive for the team (team_port_add step 8, dev_uc_sync/dev_mc_sync in the kernel): the
/// team's promisc and allmulti state and its multicast list, held on the port for as long as it is one.
/// </summary>
internal interface IPortReceiveFilter : IDisposable
{
    Errno Apply(bool promiscuous, bool allMulticast, IReadOnlyList<MacAddress> multicast);
}
