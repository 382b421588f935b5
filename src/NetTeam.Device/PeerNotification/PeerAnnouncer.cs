using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using NetTeam.Device.Backends;
using NetTeam.Device.Frames;
using NetTeam.Device.Options;
using NetTeam.Device.Threading;
using NetTeam.Interop;

namespace NetTeam.Device.PeerNotification;

/// <summary>
/// The team telling its neighbours that its frames now leave by another port: the kernel's
/// team_notify_peers (NETDEV_NOTIFY_PEERS) and team_mcast_rejoin (NETDEV_RESEND_IGMP), with their four
/// options. The frames go out through the team interface, so they leave by the mode like any frame the team
/// sends, whichever data plane moves them.
/// </summary>
internal sealed class PeerAnnouncer : IDisposable
{
    private static readonly IPAddress s_allHosts = IPAddress.Parse("224.0.0.1");
    private static readonly IPAddress s_allNodes = IPAddress.Parse("ff02::1");

    private readonly ITeamInterface _interface;
    private readonly ILinkBackend _links;
    private readonly Func<MacAddress> _address;
    private readonly ILogger _logger;
    private readonly PeerNotifier _notifyPeers;
    private readonly PeerNotifier _mcastRejoin;
    private uint _notifyPeersCount;
    private uint _notifyPeersInterval;
    private uint _mcastRejoinCount;
    private uint _mcastRejoinInterval;

    public PeerAnnouncer(ControlLoop loop, TimeProvider time, ITeamInterface teamInterface, ILinkBackend links, Func<MacAddress> address, ILogger logger)
    {
        _interface = teamInterface;
        _links = links;
        _address = address;
        _logger = logger;
        _notifyPeers = new PeerNotifier(loop, time, SendPeerNotification);
        _mcastRejoin = new PeerNotifier(loop, time, SendMulticastRejoin);
    }

    /// <summary>The team options that configure the notifications (team_core.c team_options).</summary>
    public IEnumerable<TeamOptionDefinition> Options =>
    [
        U32(TeamOptionNames.NotifyPeersCount, () => _notifyPeersCount, v => _notifyPeersCount = v),
        U32(TeamOptionNames.NotifyPeersInterval, () => _notifyPeersInterval, v => _notifyPeersInterval = v),
        U32(TeamOptionNames.McastRejoinCount, () => _mcastRejoinCount, v => _mcastRejoinCount = v),
        U32(TeamOptionNames.McastRejoinInterval, () => _mcastRejoinInterval, v => _mcastRejoinInterval = v),
    ];

    private static TeamOptionDefinition U32(string name, Func<uint> get, Action<uint> set) =>
        new(name, TeamOptionType.U32, _ => OptionValue.FromU32(get()), (_, v) =>
        {
            set(v.AsU32);
            return TeamResult.Ok;
        });

    /// <summary>Starts both series (team_port_enable and an active-port change); the caller checks the team is running.</summary>
    public void Trigger()
    {
        _notifyPeers.Trigger(_notifyPeersCount, _notifyPeersInterval);
        _mcastRejoin.Trigger(_mcastRejoinCount, _mcastRejoinInterval);
    }

    /// <summary>
    /// NETDEV_NOTIFY_PEERS as the stack answers it for the team: a gratuitous ARP per IPv4 address
    /// (net/ipv4/devinet.c) and an unsolicited neighbor advertisement per IPv6 address (net/ipv6/ndisc.c
    /// ndisc_send_unsol_na), from the team's MAC.
    /// </summary>
    private void SendPeerNotification()
    {
        MacAddress mac = _address();
        foreach (IPAddress address in _links.GetAddresses(_interface.IfIndex))
        {
            byte[] frame = address.AddressFamily == AddressFamily.InterNetwork
                ? ArpPacket.Gratuitous(mac, address).ToFrame(EthernetHeader.Broadcast)
                : NeighborDiscovery.BuildUnsolicitedAdvertisement(mac, address);
            Errno err = _interface.Transmit(frame);
            if (!err.IsSuccess)
            {
                Log.OperationFailed(_logger, _interface.Name, $"peer notification for {address}", err.Message);
            }
        }
    }

    /// <summary>
    /// NETDEV_RESEND_IGMP for the team: one IGMPv3 and one MLDv2 report listing the groups the team's stack
    /// has joined (ip_mc_rejoin_groups, mld_send_report), except all-hosts / all-nodes, which are never reported.
    /// </summary>
    private void SendMulticastRejoin()
    {
        MacAddress mac = _address();
        IReadOnlyList<IPAddress> groups = _links.GetMulticastGroups(_interface.IfIndex);
        IReadOnlyList<IPAddress> addresses = _links.GetAddresses(_interface.IfIndex);
        List<IPAddress> v4 = [.. groups.Where(g => g.AddressFamily == AddressFamily.InterNetwork && !g.Equals(s_allHosts))];
        List<IPAddress> v6 = [.. groups.Where(g => g.AddressFamily == AddressFamily.InterNetworkV6 && !g.Equals(s_allNodes) && (g.GetAddressBytes()[1] & 0x0f) >= 2)];
        IPAddress source4 = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Any;
        IPAddress source6 = addresses.FirstOrDefault(a => a.IsIPv6LinkLocal) ?? IPAddress.IPv6Any;
        // One report per frame-full of records (8 bytes each in IGMPv3, 20 in MLDv2).
        foreach (IPAddress[] chunk in v4.Chunk(160))
        {
            _interface.Transmit(MulticastReport.BuildIgmpv3(mac, source4, chunk));
        }
        foreach (IPAddress[] chunk in v6.Chunk(64))
        {
            _interface.Transmit(MulticastReport.BuildMldv2(mac, source6, chunk));
        }
    }

    public void Dispose()
    {
        _notifyPeers.Dispose();
        _mcastRejoin.Dispose();
    }
}
