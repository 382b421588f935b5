using NetTeam.Device.Backends;
using NetTeam.Interop;

namespace NetTeam.Device.Linux;

/// <summary>
/// A port's receive filter held as packet-socket memberships (packet(7) PACKET_ADD_MEMBERSHIP) on a socket of
/// its own that receives nothing (protocol 0). The kernel drops the memberships when the socket closes, so
/// promisc, allmulti and the multicast list are undone even if the process dies, and no data plane is
/// involved: the filter is the same whichever plane moves the frames.
/// </summary>
internal sealed class PacketReceiveFilter : IPortReceiveFilter
{
    private readonly FileDescriptorHandle _socket;
    private readonly int _ifIndex;
    private readonly HashSet<MacAddress> _multicast = [];
    private bool _promiscuous;
    private bool _allMulticast;

    private PacketReceiveFilter(FileDescriptorHandle socket, int ifIndex)
    {
        _socket = socket;
        _ifIndex = ifIndex;
    }

    /// <summary>Opens the filter socket; the caller is in the port's network namespace.</summary>
    public static Errno Open(int ifIndex, out IPortReceiveFilter? filter)
    {
        Errno err = PacketSocket.Open(ifIndex, 0, nonBlocking: true, out FileDescriptorHandle? socket);
        filter = err.IsSuccess && socket is not null ? new PacketReceiveFilter(socket, ifIndex) : null;
        return err;
    }

    public Errno Apply(bool promiscuous, bool allMulticast, IReadOnlyList<MacAddress> multicast)
    {
        Errno err = Toggle(ref _promiscuous, promiscuous, PacketMembership.Promiscuous);
        if (!err.IsSuccess)
        {
            return err;
        }
        err = Toggle(ref _allMulticast, allMulticast, PacketMembership.AllMulticast);
        if (!err.IsSuccess)
        {
            return err;
        }
        Span<byte> bytes = stackalloc byte[6];
        foreach (MacAddress mac in multicast)
        {
            if (_multicast.Add(mac))
            {
                mac.CopyTo(bytes);
                PacketSocket.AddMembership(_socket, _ifIndex, PacketMembership.Multicast, bytes);
            }
        }
        foreach (MacAddress mac in _multicast.ToArray())
        {
            if (!multicast.Contains(mac))
            {
                _multicast.Remove(mac);
                mac.CopyTo(bytes);
                PacketSocket.DropMembership(_socket, _ifIndex, PacketMembership.Multicast, bytes);
            }
        }
        return Errno.Success;
    }

    private Errno Toggle(ref bool current, bool wanted, PacketMembership membership)
    {
        if (wanted == current)
        {
            return Errno.Success;
        }
        Errno err = wanted
            ? PacketSocket.AddMembership(_socket, _ifIndex, membership, default)
            : PacketSocket.DropMembership(_socket, _ifIndex, membership, default);
        if (err.IsSuccess)
        {
            current = wanted;
        }
        return err;
    }

    public void Dispose() => _socket.Dispose();
}
