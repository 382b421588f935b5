using System.Buffers.Binary;

namespace NetTeam.Interop.Tests;

public sealed class InteropTests : IClassFixture<NamespaceFixture>
{
    private readonly NamespaceFixture _ns;

    public InteropTests(NamespaceFixture ns) => _ns = ns;

    private static byte[] Frame(byte marker)
    {
        byte[] f = new byte[60];
        f.AsSpan(0, 6).Fill(0xff);
        new byte[] { 0x02, 0, 0, 0, 0, marker }.CopyTo(f, 6);
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), 0x88b5); // local experimental ethertype
        f[14] = marker;
        return f;
    }

    [Fact]
    public void NamespaceEnterSeesOnlyItsInterfacesAndReturns()
    {
        Assert.Equal(0, Interfaces.NameToIndex("va"));
        int inside = _ns.Run(() => Interfaces.NameToIndex("va"));
        Assert.True(inside > 0);
        Assert.Equal(0, Interfaces.NameToIndex("va"));
        Assert.Equal("va", _ns.Run(() => Interfaces.IndexToName(inside)));
        using NetNamespace current = NetNamespace.Current();
        Assert.NotEqual(current.Inode, _ns.Namespace.Inode);
        Assert.NotEqual(0UL, _ns.Namespace.Inode);
    }

    [Fact]
    public void RtnetlinkReadsAndChangesLinks()
    {
        Rtnetlink rtnl = _ns.Run(() => { Assert.True(Rtnetlink.Open(out Rtnetlink? r).IsSuccess); return r!; });
        using (rtnl)
        {
            Assert.Equal(Errno.ENODEV, rtnl.GetLink("nosuch0", out _));
            Assert.True(rtnl.GetLink("va", out LinkInfo? va).IsSuccess);
            Assert.Equal(LinkType.Ether, va!.Type);
            Assert.Equal("veth", va.Kind);
            Assert.True(rtnl.GetLink(va.Index, out LinkInfo? same).IsSuccess);
            Assert.Equal("va", same!.Name);

            Assert.True(rtnl.SetMtu(va.Index, 1400).IsSuccess);
            MacAddress mac = MacAddress.Parse("02:11:22:33:44:55");
            Assert.True(rtnl.SetAddress(va.Index, mac).IsSuccess);
            Assert.True(rtnl.SetFlags(va.Index, LinkFlags.NoArp, LinkFlags.NoArp).IsSuccess);
            rtnl.GetLink(va.Index, out LinkInfo? changed);
            Assert.Equal(1400, changed!.Mtu);
            Assert.Equal(mac, changed.Address);
            Assert.True((changed.Flags & LinkFlags.NoArp) != 0);
            Assert.Equal(Errno.EINVAL, rtnl.SetMtu(va.Index, 10));
            Assert.True(rtnl.SetMtu(va.Index, 1500).IsSuccess);
            Assert.True(rtnl.SetFlags(va.Index, LinkFlags.None, LinkFlags.NoArp).IsSuccess);

            List<LinkInfo> all = [];
            Assert.True(rtnl.ListLinks(all).IsSuccess);
            Assert.Contains(all, l => l.Name == "lo" && l.Type == LinkType.Loopback);
            Assert.Contains(all, l => l.Name == "vb");
        }
    }

    [Fact]
    public void PacketSocketsCarryFramesAndIgnoreTheirOwn()
    {
        (FileDescriptorHandle a, FileDescriptorHandle b) = _ns.Run(() =>
        {
            Assert.True(PacketSocket.Open(Interfaces.NameToIndex("va"), PacketSocket.AllProtocols, true, out FileDescriptorHandle? ha).IsSuccess);
            Assert.True(PacketSocket.Open(Interfaces.NameToIndex("vb"), PacketSocket.AllProtocols, true, out FileDescriptorHandle? hb).IsSuccess);
            return (ha!, hb!);
        });
        using (a)
        using (b)
        {
            Assert.True(PacketSocket.SetIgnoreOutgoing(a, true).IsSuccess);
            byte[] frame = Frame(7);
            Assert.Equal(frame.Length, RawIo.Send(a.Fd, frame, 0, out Errno err));
            Assert.True(err.IsSuccess);
            byte[] buffer = new byte[2048];
            int n = ReceiveWithDeadline(b.Fd, buffer, f => f.Length > 14 && f[14] == 7 && f[12] == 0x88);
            Assert.Equal(frame.Length, n);
            // a ignores its own transmission: of whatever a has queued (the peer's IPv6 chatter, say), none is our frame.
            int queued;
            while ((queued = RawIo.Recv(a.Fd, buffer, RawIo.DontWait, out err)) > 0)
            {
                Assert.False(queued == frame.Length && buffer[12] == 0x88 && buffer[13] == 0xb5 && buffer[14] == 7, "a saw its own transmission");
            }
            Assert.Equal(Errno.EAGAIN, err);

            using MessageBatch batch = new(8, 2048);
            int vaIndex = _ns.Run(() => Interfaces.NameToIndex("va"));
            for (byte i = 0; i < 5; i++)
            {
                Errno sent = PacketSocket.SendTo(a, vaIndex, Frame((byte)(20 + i)));
                Assert.True(sent.IsSuccess, sent.ToString());
            }
            int total = 0;
            DateTime end = DateTime.UtcNow.AddSeconds(5);
            while (total < 5 && DateTime.UtcNow < end)
            {
                int got = batch.Receive(b.Fd, 8, RawIo.DontWait, out _);
                for (int i = 0; i < got; i++)
                {
                    if (batch.Length(i) == 60 && batch.Buffer(i)[14] >= 20)
                    {
                        total++;
                    }
                }
                if (got <= 0)
                {
                    Thread.Sleep(5);
                }
            }
            Assert.Equal(5, total);
        }
    }

    private static int ReceiveWithDeadline(int fd, byte[] buffer, Func<byte[], bool> match)
    {
        DateTime end = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < end)
        {
            int n = RawIo.Recv(fd, buffer, RawIo.DontWait, out _);
            if (n > 0 && match(buffer[..n]))
            {
                return n;
            }
            if (n < 0)
            {
                Thread.Sleep(5);
            }
        }
        return -1;
    }

    [Fact]
    public void PromiscuousMembershipEndsWithTheSocket()
    {
        int index = _ns.Run(() => Interfaces.NameToIndex("vb"));
        FileDescriptorHandle s = _ns.Run(() => { PacketSocket.Open(index, PacketSocket.AllProtocols, true, out FileDescriptorHandle? h); return h!; });
        Assert.True(PacketSocket.AddMembership(s, index, PacketMembership.Promiscuous, default).IsSuccess);
        Assert.Contains("\"promiscuity\":1", NamespaceFixture.Ip("-n", _ns.Name, "-d", "-j", "link", "show", "dev", "vb"));
        s.Dispose();
        Assert.Contains("\"promiscuity\":0", NamespaceFixture.Ip("-n", _ns.Name, "-d", "-j", "link", "show", "dev", "vb"));
    }

    [Fact]
    public void EpollWakesOnEventFd()
    {
        Assert.True(Epoll.Create(out Epoll? epoll).IsSuccess);
        Assert.True(EventFd.Create(out EventFd? efd).IsSuccess);
        using (epoll)
        using (efd)
        {
            Assert.True(epoll!.Add(efd!.Fd, EpollFlags.In, 42).IsSuccess);
            Span<EpollEvent> events = stackalloc EpollEvent[4];
            Assert.Equal(0, epoll.Wait(events, 0, out _));
            efd.Signal();
            Assert.Equal(1, epoll.Wait(events, 1000, out _));
            Assert.Equal(42UL, events[0].Data);
            efd.Drain();
            Assert.Equal(0, epoll.Wait(events, 0, out _));
        }
    }

    [Fact]
    public void EthtoolReadsVethSpeedAndDriver()
    {
        (Errno err, int speed, Duplex duplex, string driver) = _ns.Run(() =>
        {
            Errno e = Ethtool.GetLinkSettings("va", out int s, out Duplex d);
            Ethtool.GetDriver("va", out string drv);
            return (e, s, d, drv);
        });
        Assert.True(err.IsSuccess, err.ToString());
        Assert.Equal(10000, speed);
        Assert.Equal(Duplex.Full, duplex);
        Assert.Equal("veth", driver);
        Assert.Equal(Errno.ENODEV, _ns.Run(() => Ethtool.GetLinkSettings("nosuch0", out _, out _)));
    }

    [Fact]
    public void TapCarrierAndLinkMonitorEvents()
    {
        List<LinkEvent> events = [];
        LinkMonitor monitor = _ns.Run(() => { Assert.True(LinkMonitor.Start(e => { lock (events) { events.Add(e); } }, () => { }, out LinkMonitor? m).IsSuccess); return m!; });
        using (monitor)
        {
            FileDescriptorHandle tap = _ns.Run(() =>
            {
                Assert.True(Tap.Open("tapx", vnetHeader: true, out FileDescriptorHandle? h, out string name).IsSuccess);
                Assert.Equal("tapx", name);
                return h!;
            });
            using (tap)
            {
                Assert.True(Tap.SetVnetHeaderSize(tap, Tap.VnetHeaderSize).IsSuccess);
                Assert.True(Tap.SetOffload(tap, TapOffload.Checksum | TapOffload.Tso4 | TapOffload.Tso6).IsSuccess);
                NamespaceFixture.Ip("-n", _ns.Name, "link", "set", "tapx", "up");
                Assert.True(Tap.SetCarrier(tap, false).IsSuccess);
                Assert.Contains("NO-CARRIER", NamespaceFixture.Ip("-n", _ns.Name, "link", "show", "tapx"));
                Assert.True(Tap.SetCarrier(tap, true).IsSuccess);
                Assert.DoesNotContain("NO-CARRIER", NamespaceFixture.Ip("-n", _ns.Name, "link", "show", "tapx"));
                DateTime end = DateTime.UtcNow.AddSeconds(5);
                bool seen = false;
                while (!seen && DateTime.UtcNow < end)
                {
                    lock (events)
                    {
                        seen = events.Exists(e => e.Link.Name == "tapx" && e.Link.Carrier);
                    }
                    Thread.Sleep(5);
                }
                Assert.True(seen, "no carrier event for tapx");
            }
            // Closing the last descriptor of a non-persistent TAP removes it.
            Assert.Equal(0, _ns.Run(() => Interfaces.NameToIndex("tapx")));
        }
    }

    [Fact]
    public void MacAddressesParseAndPrint()
    {
        MacAddress mac = MacAddress.Parse("02:AB:cd:00:01:ff");
        Assert.Equal("02:ab:cd:00:01:ff", mac.ToString());
        Assert.False(MacAddress.TryParse("02:ab:cd:00:01", out _));
        Assert.False(MacAddress.TryParse("02-ab-cd-00-01-ff", out _));
        MacAddress random = MacAddress.Random(new Random(1));
        byte[] b = random.ToArray();
        Assert.Equal(0x02, b[0] & 0x03);
        Assert.True(MacAddress.Parse("01:00:5e:00:00:01").IsMulticast);
    }

    [Fact]
    public void HotPathCallsAllocateNothing()
    {
        (FileDescriptorHandle a, FileDescriptorHandle b) = _ns.Run(() =>
        {
            PacketSocket.Open(Interfaces.NameToIndex("va"), PacketSocket.AllProtocols, true, out FileDescriptorHandle? ha);
            PacketSocket.Open(Interfaces.NameToIndex("vb"), PacketSocket.AllProtocols, true, out FileDescriptorHandle? hb);
            return (ha!, hb!);
        });
        Epoll.Create(out Epoll? epoll);
        using (a)
        using (b)
        using (epoll)
        using (MessageBatch batch = new(4, 2048))
        {
            byte[] frame = Frame(9);
            byte[] buffer = new byte[2048];
            EpollEvent[] events = new EpollEvent[4];
            for (int round = 0; round < 2; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 1000; i++)
                {
                    RawIo.Send(a.Fd, frame, 0, out _);
                    RawIo.Recv(b.Fd, buffer, RawIo.DontWait, out _);
                    batch.Receive(b.Fd, 4, RawIo.DontWait, out _);
                    epoll!.Wait(events, 0, out _);
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (round == 1)
                {
                    Assert.Equal(0, allocated);
                }
            }
        }
    }
}
