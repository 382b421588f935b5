using NetTeam.Bpf;
using NetTeam.Bpf.Asm;
using static NetTeam.Bpf.Asm.Register;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// Emits <see cref="TxHash.Bucket"/> for one fragment set, the way teamd compiles its tx_hash into classic
/// BPF (teamd_bpf_chef.c): only the loads the fragments need. Each header is copied to the stack in one
/// bpf_skb_load_bytes call, whose failure past the frame's end is exactly TxHash's "the frame is too short,
/// hash what you have". A tag kept beside the frame (skb->vlan_present, tx-vlan offload on the TAP) is the
/// first tag TxHash would see inline, so it is folded in first and counts as one of the two tags. Leaves
/// the bucket (0..255) in R8; uses R9 for the header offset; clobbers R0-R5. R6 holds the skb.
/// One corner differs: with a tag beside a frame of 10-13 bytes TxHash would see 14-17 bytes and hash the
/// MACs, this program hashes nothing; the stack never hands tc such a frame (an Ethernet header is 14 bytes).
/// </summary>
internal sealed class TxHashEmitter
{
    private const int EtherTypeIpv4 = 0x0800;
    private const int EtherTypeIpv6 = 0x86DD;
    private const int EtherTypeVlan = 0x8100;
    private const int EtherTypeQinQ = 0x88A8;

    private readonly Assembler _a;
    private readonly HashFragments _fragments;
    private readonly string _done;

    private TxHashEmitter(Assembler a, HashFragments fragments)
    {
        _a = a;
        _fragments = fragments;
        _done = a.NewLabel("hash_done");
    }

    private bool Has(HashFragments f) => (_fragments & f) != 0;

    private bool WantsL4 => Has(HashFragments.L4);

    private bool WantsIpv4Header => Has(HashFragments.Ipv4) || WantsL4;

    private bool WantsIpv6Header => Has(HashFragments.Ipv6) || WantsL4;

    public static void Emit(Assembler a, HashFragments fragments) => new TxHashEmitter(a, fragments).Emit();

    private void Emit()
    {
        _a.Mov64(R8, 0);
        if (_fragments != HashFragments.None)
        {
            // TxHash: a frame shorter than an Ethernet header hashes to 0.
            _a.Load(Width.Word, R1, R6, SkBuff.Len);
            _a.Jump(JumpOp.Lt, R1, 14, _done);
            if (Has(HashFragments.Eth))
            {
                _a.LoadPacketBytes(R6, 0, Layout.Packet, 12, _done);
                XorWords(0, 3);
            }
            if (Has(HashFragments.Vlan) || WantsIpv4Header || WantsIpv6Header)
            {
                EmitTags();
                EmitNetwork();
            }
        }
        _a.Label(_done);
        // Fold the 32-bit hash to a byte: c[0] ^ c[1] ^ c[2] ^ c[3] (TxHash.Fold, team_mode_loadbalance.c lb_hash).
        _a.Mov64(R1, R8);
        _a.Alu64(AluOp.Rsh, R1, 16);
        _a.Alu64(AluOp.Xor, R8, R1);
        _a.Mov64(R1, R8);
        _a.Alu64(AluOp.Rsh, R1, 8);
        _a.Alu64(AluOp.Xor, R8, R1);
        _a.Alu64(AluOp.And, R8, 0xff);
    }

    /// <summary>Up to two tags, the first possibly kept beside the frame; leaves the EtherType after them in R1 and the next header's offset in R9.</summary>
    private void EmitTags()
    {
        string tag0 = _a.NewLabel("tag0");
        string tag1 = _a.NewLabel("tag1");
        string network = _a.NewLabel("network");
        _a.LoadPacket(Width.Half, R1, R6, 12, Layout.Packet, _done);
        _a.Mov64(R9, 14);
        _a.Load(Width.Word, R2, R6, SkBuff.VlanPresent);
        _a.Jump(JumpOp.Eq, R2, 0, tag0);
        if (Has(HashFragments.Vlan))
        {
            _a.Load(Width.Word, R2, R6, SkBuff.VlanTci);
            _a.Alu64(AluOp.And, R2, 0x0fff);
            _a.Alu64(AluOp.Xor, R8, R2);
        }
        _a.Jump(tag1);
        _a.Label(tag0);
        EmitTag(network);
        _a.Label(tag1);
        EmitTag(network);
        _a.Label(network);
    }

    private void EmitTag(string network)
    {
        string tagged = _a.NewLabel("tagged");
        _a.Jump(JumpOp.Eq, R1, EtherTypeVlan, tagged);
        _a.Jump(JumpOp.Ne, R1, EtherTypeQinQ, network);
        _a.Label(tagged);
        // TCI and the next EtherType, as one big-endian word.
        _a.LoadPacket(Width.Word, R1, R6, R9, 0, Layout.Packet, _done);
        if (Has(HashFragments.Vlan))
        {
            _a.Mov64(R2, R1);
            _a.Alu64(AluOp.Rsh, R2, 16);
            _a.Alu64(AluOp.And, R2, 0x0fff);
            _a.Alu64(AluOp.Xor, R8, R2);
        }
        _a.Alu64(AluOp.And, R1, 0xffff);
        _a.Alu64(AluOp.Add, R9, 4);
    }

    private void EmitNetwork()
    {
        string ipv4 = _a.NewLabel("ipv4");
        string ipv6 = _a.NewLabel("ipv6");
        string l4 = _a.NewLabel("l4");
        if (WantsIpv4Header)
        {
            _a.Jump(JumpOp.Eq, R1, EtherTypeIpv4, ipv4);
        }
        if (WantsIpv6Header)
        {
            _a.Jump(JumpOp.Eq, R1, EtherTypeIpv6, ipv6);
        }
        _a.Jump(_done);
        if (WantsIpv4Header)
        {
            _a.Label(ipv4);
            EmitIpv4(l4);
        }
        if (WantsIpv6Header)
        {
            _a.Label(ipv6);
            EmitIpv6(l4);
        }
        if (WantsL4)
        {
            _a.Label(l4);
            EmitL4();
        }
    }

    private void EmitIpv4(string l4)
    {
        _a.LoadPacketBytes(R6, R9, 0, Layout.Packet, 20, _done);
        if (Has(HashFragments.Ipv4))
        {
            XorWords(12, 2);
        }
        if (!WantsL4)
        {
            _a.Jump(_done);
            return;
        }
        // Later fragments carry no L4 header: addresses only.
        _a.LoadNetworkOrder(Width.Half, R1, Layout.Packet + 6);
        _a.Alu64(AluOp.And, R1, 0x1fff);
        _a.Jump(JumpOp.Ne, R1, 0, _done);
        _a.Load(Width.Byte, R2, R10, Layout.Packet);
        _a.Alu64(AluOp.And, R2, 0x0f);
        _a.Alu64(AluOp.Lsh, R2, 2);
        _a.Alu64(AluOp.Add, R9, R2);
        _a.Load(Width.Byte, R1, R10, Layout.Packet + 9);
        _a.Jump(l4);
    }

    private void EmitIpv6(string l4)
    {
        _a.LoadPacketBytes(R6, R9, 0, Layout.Packet, 40, _done);
        if (Has(HashFragments.Ipv6))
        {
            XorWords(8, 8);
        }
        if (!WantsL4)
        {
            _a.Jump(_done);
            return;
        }
        _a.Load(Width.Byte, R1, R10, Layout.Packet + 6);
        _a.Alu64(AluOp.Add, R9, 40);
        _a.Jump(l4);
    }

    /// <summary>R1 holds the IP protocol, R9 the L4 offset: the ports (4 bytes) of a protocol the fragments name.</summary>
    private void EmitL4()
    {
        string ports = _a.NewLabel("ports");
        (HashFragments Fragment, int Protocol)[] protocols = [(HashFragments.Tcp, 6), (HashFragments.Udp, 17), (HashFragments.Sctp, 132)];
        foreach ((HashFragments fragment, int protocol) in protocols)
        {
            if (Has(fragment))
            {
                _a.Jump(JumpOp.Eq, R1, protocol, ports);
            }
        }
        _a.Jump(_done);
        _a.Label(ports);
        _a.LoadPacket(Width.Word, R1, R6, R9, 0, Layout.Packet, _done);
        _a.Alu64(AluOp.Xor, R8, R1);
    }

    /// <summary>R8 ^= each big-endian word at packet buffer + offset, + 4, ...</summary>
    private void XorWords(int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _a.LoadNetworkOrder(Width.Word, R1, (short)(Layout.Packet + offset + (4 * i)));
            _a.Alu64(AluOp.Xor, R8, R1);
        }
    }
}
