using System.Buffers.Binary;
using NetTeam.Interop;

namespace NetTeam.Device.DataPlane.Userspace;

/// <summary>
/// Puts a received frame's first VLAN tag back where the wire had it. The kernel moves that tag into skb
/// metadata (skb_vlan_untag) before packet taps run, so a port's packet socket reads the frame untagged and
/// the tag in PACKET_AUXDATA; written to the TAP like that, the team would receive it on the wrong VLAN.
/// </summary>
internal static class VlanTag
{
    /// <summary>An 802.1Q tag: TPID and TCI.</summary>
    public const int Length = 4;

    private const int MacAddresses = 12;
    private const byte NeedsChecksum = 1;

    /// <summary>
    /// <paramref name="buffer"/> holds <see cref="Length"/> bytes of headroom, then the vnet header and the
    /// frame (<paramref name="length"/> bytes). The vnet header and the MACs move into the headroom, the tag
    /// goes after them, and the vnet header's offsets follow the 4 bytes the headers grew by.
    /// </summary>
    public static ReadOnlySpan<byte> Reinsert(Span<byte> buffer, int length, ushort tci, ushort tpid)
    {
        int headers = Tap.VnetHeaderSize + MacAddresses;
        buffer.Slice(Length, headers).CopyTo(buffer);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[headers..], tpid);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[(headers + 2)..], tci);
        // struct virtio_net_hdr (host order): flags, gso_type, hdr_len, gso_size, csum_start, csum_offset.
        if ((buffer[0] & NeedsChecksum) != 0)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer[6..], (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(buffer[6..]) + Length));
        }
        if (buffer[1] != 0)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer[2..], (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(buffer[2..]) + Length));
        }
        return buffer[..(length + Length)];
    }
}
