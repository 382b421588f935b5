using System.Buffers.Binary;
using System.Net;
using NetTeam.Interop;

namespace NetTeam.Device.Frames;

/// <summary>
/// An Ethernet/IPv4 ARP packet (RFC 826): what arp_ping sends and hears, and the gratuitous ARP of peer
/// notification. Parsing checks every length; anything else is not an ARP packet.
/// </summary>
public readonly record struct ArpPacket(ushort Operation, MacAddress SenderMac, IPAddress SenderIp, MacAddress TargetMac, IPAddress TargetIp)
{
    public const ushort Request = 1;
    public const ushort Reply = 2;
    public const int Length = 28;

    /// <summary>Builds the whole frame (padded to the Ethernet minimum); returns its length.</summary>
    public int Write(Span<byte> frame, MacAddress destination, ushort? vlanId = null)
    {
        int at = EthernetHeader.Write(frame, destination, SenderMac, EthernetHeader.Arp, vlanId);
        Span<byte> a = frame[at..];
        BinaryPrimitives.WriteUInt16BigEndian(a, 1);                          // hardware: Ethernet
        BinaryPrimitives.WriteUInt16BigEndian(a[2..], EthernetHeader.Ipv4);   // protocol: IPv4
        a[4] = 6;
        a[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(a[6..], Operation);
        SenderMac.CopyTo(a[8..]);
        SenderIp.TryWriteBytes(a[14..], out _);
        TargetMac.CopyTo(a[18..]);
        TargetIp.TryWriteBytes(a[24..], out _);
        int length = Math.Max(at + Length, EthernetHeader.MinimumFrame + (vlanId is null ? 0 : 4));
        frame[(at + Length)..length].Clear();
        return length;
    }

    public byte[] ToFrame(MacAddress destination, ushort? vlanId = null)
    {
        byte[] frame = new byte[EthernetHeader.MinimumFrame + 4];
        return frame[..Write(frame, destination, vlanId)];
    }

    /// <summary>
    /// Parses an untagged frame as a packet socket delivers it (the kernel has taken any VLAN tag off).
    /// False for anything that is not a complete Ethernet/IPv4 ARP request or reply.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out ArpPacket packet)
    {
        packet = default;
        if (!TryReadAddresses(frame, out _, out _))
        {
            return false;
        }
        ReadOnlySpan<byte> a = frame[EthernetHeader.Length..];
        ushort op = BinaryPrimitives.ReadUInt16BigEndian(a[6..]);
        packet = new ArpPacket(op, new MacAddress(a[8..14]), new IPAddress(a[14..18]), new MacAddress(a[18..24]), new IPAddress(a[24..28]));
        return true;
    }

    /// <summary>
    /// The same checks as <see cref="TryParse"/>, with only the sender and target IPv4 addresses read (in
    /// network order, as <see cref="AddressValue"/> gives them) and nothing allocated: a watcher looks at every
    /// ARP frame on its port, a flood included.
    /// </summary>
    public static bool TryReadAddresses(ReadOnlySpan<byte> frame, out uint senderIp, out uint targetIp)
    {
        senderIp = 0;
        targetIp = 0;
        if (frame.Length < EthernetHeader.Length + Length || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EthernetHeader.Arp)
        {
            return false;
        }
        ReadOnlySpan<byte> a = frame[EthernetHeader.Length..];
        ushort op = BinaryPrimitives.ReadUInt16BigEndian(a[6..]);
        if (BinaryPrimitives.ReadUInt16BigEndian(a) != 1 || BinaryPrimitives.ReadUInt16BigEndian(a[2..]) != EthernetHeader.Ipv4 ||
            a[4] != 6 || a[5] != 4 || op is not (Request or Reply))
        {
            return false;
        }
        senderIp = BinaryPrimitives.ReadUInt32BigEndian(a[14..]);
        targetIp = BinaryPrimitives.ReadUInt32BigEndian(a[24..]);
        return true;
    }

    /// <summary>An IPv4 address as <see cref="TryReadAddresses"/> reads one.</summary>
    public static uint AddressValue(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[4];
        return address.TryWriteBytes(bytes, out int n) && n == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : 0;
    }

    /// <summary>
    /// A gratuitous ARP for <paramref name="address"/> (what the kernel sends on NETDEV_NOTIFY_PEERS,
    /// net/ipv4/devinet.c inetdev_send_gratuitous_arp): a broadcast request with sender = target = address.
    /// </summary>
    public static ArpPacket Gratuitous(MacAddress mac, IPAddress address) =>
        new(Request, mac, address, default, address);
}
