using NetTeam.Interop.Native;

namespace NetTeam.Interop;

/// <summary>
/// Reads the PACKET_AUXDATA control message (packet(7), struct tpacket_auxdata) of a received frame: the VLAN
/// tag the kernel took off the frame (skb_vlan_untag moves the first tag into skb metadata before packet taps
/// see it, so a tagged frame reaches a packet socket untagged, with its tag here).
/// </summary>
public static unsafe class PacketAuxData
{
    /// <summary>CMSG_SPACE(sizeof(struct tpacket_auxdata)) with room to spare.</summary>
    public const int ControlSize = 64;

    private const int SOL_PACKET = 263;
    private const int PACKET_AUXDATA = 8;
    private const uint TP_STATUS_VLAN_VALID = 0x10;
    private const uint TP_STATUS_VLAN_TPID_VALID = 0x40;
    private const ushort EtherTypeVlan = 0x8100;

    /// <summary>The tag's TCI and TPID when the control data holds one (TPID 0x8100 when the kernel does not say).</summary>
    public static bool TryReadVlan(byte* control, nuint length, out ushort tci, out ushort tpid)
    {
        tci = 0;
        tpid = 0;
        for (nuint offset = 0; offset + (nuint)sizeof(CmsgHdr) <= length;)
        {
            CmsgHdr* c = (CmsgHdr*)(control + offset);
            if (c->Length < (nuint)sizeof(CmsgHdr))
            {
                return false;
            }
            if (c->Level == SOL_PACKET && c->Type == PACKET_AUXDATA && c->Length >= (nuint)(sizeof(CmsgHdr) + sizeof(TpacketAuxdata)))
            {
                TpacketAuxdata* aux = (TpacketAuxdata*)(c + 1);
                if ((aux->Status & TP_STATUS_VLAN_VALID) == 0)
                {
                    return false;
                }
                tci = aux->VlanTci;
                tpid = (aux->Status & TP_STATUS_VLAN_TPID_VALID) != 0 ? aux->VlanTpid : EtherTypeVlan;
                return true;
            }
            offset += (c->Length + (nuint)sizeof(nuint) - 1) & ~((nuint)sizeof(nuint) - 1);
        }
        return false;
    }
}
