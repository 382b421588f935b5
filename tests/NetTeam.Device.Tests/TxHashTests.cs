using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Tests;

public class TxHashTests
{
    [Fact]
    public void EthFragmentDependsOnlyOnTheMacAddresses()
    {
        byte[] a = Frames.Udp4(1, 2, 3, 4, dmac: [2, 0, 0, 0, 0, 2], smac: [2, 0, 0, 0, 0, 1]);
        byte[] b = Frames.Udp4(9, 9, 9, 9, dmac: [2, 0, 0, 0, 0, 2], smac: [2, 0, 0, 0, 0, 1]);
        byte[] c = Frames.Udp4(1, 2, 3, 4, dmac: [2, 0, 0, 0, 0, 2], smac: [2, 0, 0, 0, 0, 7]);
        Assert.Equal(TxHash.Compute(a, HashFragments.Eth), TxHash.Compute(b, HashFragments.Eth));
        Assert.NotEqual(TxHash.Compute(a, HashFragments.Eth), TxHash.Compute(c, HashFragments.Eth));
    }

    [Fact]
    public void VlanFragmentUsesTheVlanId()
    {
        byte[] v10 = Frames.Udp4(1, 2, 3, 4, vlan: 10);
        byte[] v20 = Frames.Udp4(1, 2, 3, 4, vlan: 20);
        Assert.Equal(10u, TxHash.Compute(v10, HashFragments.Vlan));
        Assert.NotEqual(TxHash.Compute(v10, HashFragments.Vlan), TxHash.Compute(v20, HashFragments.Vlan));
        Assert.Equal(0u, TxHash.Compute(Frames.Udp4(1, 2, 3, 4), HashFragments.Vlan));
    }

    [Fact]
    public void Ipv4FragmentUsesTheAddressesAlsoBehindAVlanTag()
    {
        byte[] f = Frames.Udp4(0x0a000001, 0x0a000002, 3, 4);
        Assert.Equal(0x0a000001u ^ 0x0a000002u, TxHash.Compute(f, HashFragments.Ipv4));
        Assert.Equal(0x0a000001u ^ 0x0a000002u, TxHash.Compute(Frames.Udp4(0x0a000001, 0x0a000002, 3, 4, vlan: 5), HashFragments.Ipv4));
        Assert.Equal(TxHash.Compute(f, HashFragments.Ipv4), TxHash.Compute(f, HashFragments.Ip));
        Assert.Equal(TxHash.Compute(f, HashFragments.Ipv4), TxHash.Compute(f, HashFragments.L3));
    }

    [Fact]
    public void Ipv6FragmentUsesTheAddresses()
    {
        byte[] src = new byte[16];
        byte[] dst = new byte[16];
        src[15] = 1;
        dst[15] = 2;
        dst[0] = 0x20;
        byte[] f = Frames.Tcp6(src, dst, 80, 443);
        Assert.Equal(1u ^ 2u ^ 0x20000000u, TxHash.Compute(f, HashFragments.Ipv6));
        Assert.Equal(0u, TxHash.Compute(f, HashFragments.Ipv4));
        Assert.Equal((80u << 16) | 443u, TxHash.Compute(f, HashFragments.Tcp));
    }

    [Fact]
    public void L4FragmentsUseThePortsOfTheirOwnProtocolOnly()
    {
        byte[] udp = Frames.Udp4(1, 2, 1000, 2000);
        byte[] tcp = Frames.Udp4(1, 2, 1000, 2000, protocol: 6);
        byte[] sctp = Frames.Udp4(1, 2, 1000, 2000, protocol: 132);
        uint ports = (1000u << 16) | 2000u;
        Assert.Equal(ports, TxHash.Compute(udp, HashFragments.Udp));
        Assert.Equal(0u, TxHash.Compute(udp, HashFragments.Tcp));
        Assert.Equal(ports, TxHash.Compute(tcp, HashFragments.Tcp));
        Assert.Equal(0u, TxHash.Compute(tcp, HashFragments.Udp));
        Assert.Equal(ports, TxHash.Compute(sctp, HashFragments.Sctp));
        Assert.Equal(ports, TxHash.Compute(sctp, HashFragments.L4));
    }

    [Fact]
    public void TruncatedAndForeignFramesDoNotThrow()
    {
        byte[] f = Frames.Udp4(1, 2, 1000, 2000);
        for (int len = 0; len < f.Length; len++)
        {
            _ = TxHash.Compute(f.AsSpan(0, len), HashFragments.Default | HashFragments.L4 | HashFragments.Vlan);
        }
        byte[] arp = new byte[42];
        arp[12] = 0x08;
        arp[13] = 0x06;
        Assert.Equal(0u, TxHash.Compute(arp, HashFragments.Ipv4));
    }

    [Fact]
    public void BucketFoldsTheFourBytes()
    {
        Assert.Equal(0x12 ^ 0x34 ^ 0x56 ^ 0x78, TxHash.Fold(0x12345678));
    }

    [Fact]
    public void FragmentNamesParseAsTeamdSpellsThem()
    {
        Assert.True(HashFragmentNames.TryParseList("eth,ipv4,ipv6", out HashFragments f, out _));
        Assert.Equal(HashFragments.Default, f);
        Assert.True(HashFragmentNames.TryParseList("l4", out f, out _));
        Assert.Equal(HashFragments.Tcp | HashFragments.Udp | HashFragments.Sctp, f);
        Assert.False(HashFragmentNames.TryParseList("eth,l2", out _, out string? error));
        Assert.Contains("l2", error);
        Assert.Equal("eth,vlan,ipv4,ipv6,tcp,udp,sctp", HashFragmentNames.Format((HashFragments)0x7F));
    }
}
