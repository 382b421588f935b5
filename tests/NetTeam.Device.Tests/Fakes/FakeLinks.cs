using NetTeam.Device.Backends;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.Tests.Fakes;

/// <summary>In-memory netdevs for unit tests: links by name, settable fields, refusals on demand.</summary>
internal sealed class FakeLinks : ILinkBackend
{
    private readonly Dictionary<int, FakeLink> _links = [];
    private readonly HashSet<int> _locked = [];
    private int _nextIndex = 1;

    public FakeLinks()
    {
        Add("lo", LinkType.Loopback, LinkFlags.Loopback | LinkFlags.Up);
    }

    public Dictionary<(int IfIndex, string What), Errno> Refusals { get; } = [];

    public List<string> Calls { get; } = [];

    public FakeLink Add(string name, LinkType type = LinkType.Ether, LinkFlags flags = LinkFlags.Broadcast | LinkFlags.Multicast, int mtu = 1500)
    {
        int index = _nextIndex++;
        byte[] mac = [0x02, 0, 0, 0, 0, (byte)index];
        FakeLink link = new()
        {
            Index = index,
            Name = name,
            Type = type,
            Flags = flags,
            Mtu = mtu,
            Address = new MacAddress(mac),
            Carrier = true,
            Ipv6Disabled = false,
        };
        _links[index] = link;
        return link;
    }

    /// <summary>Whether each port's receive filter holds it promiscuous, by ifindex.</summary>
    public Dictionary<int, bool> Promiscuous { get; } = [];

    public IReadOnlyList<string> PortsLeftBy(string teamName) => [];

    public Errno OpenReceiveFilter(int ifIndex, out IPortReceiveFilter? filter)
    {
        filter = new FakeReceiveFilter(this, ifIndex);
        return Errno.Success;
    }

    public FakeLink this[string name] => _links.Values.Single(l => l.Name == name);

    public void LockElsewhere(int ifIndex) => _locked.Add(ifIndex);

    public Errno GetLink(string name, out LinkInfo? link)
    {
        FakeLink? l = _links.Values.FirstOrDefault(x => x.Name == name);
        link = l?.ToInfo();
        return l is null ? Errno.ENODEV : Errno.Success;
    }

    public Errno GetLink(int ifIndex, out LinkInfo? link)
    {
        link = _links.TryGetValue(ifIndex, out FakeLink? l) ? l.ToInfo() : null;
        return link is null ? Errno.ENODEV : Errno.Success;
    }

    private Errno Do(int ifIndex, string what, Action<FakeLink> apply)
    {
        Calls.Add($"{what} {ifIndex}");
        if (Refusals.TryGetValue((ifIndex, what), out Errno refusal))
        {
            return refusal;
        }
        if (!_links.TryGetValue(ifIndex, out FakeLink? l))
        {
            return Errno.ENODEV;
        }
        apply(l);
        return Errno.Success;
    }

    public Errno SetUp(int ifIndex, bool up) => Do(ifIndex, "up", l => l.Flags = up ? l.Flags | LinkFlags.Up : l.Flags & ~LinkFlags.Up);

    public Errno SetMtu(int ifIndex, int mtu) => Do(ifIndex, "mtu", l => l.Mtu = mtu);

    public Errno SetAddress(int ifIndex, MacAddress address) => Do(ifIndex, "address", l => l.Address = address);

    public Errno SetFlags(int ifIndex, LinkFlags flags, LinkFlags mask) => Do(ifIndex, "flags", l => l.Flags = (l.Flags & ~mask) | (flags & mask));

    public Errno SetGsoLimits(int ifIndex, int maxSize, int maxSegments) => Do(ifIndex, "gso", l => (l.GsoMaxSize, l.GsoMaxSegs) = (maxSize, maxSegments));

    public bool? GetIpv6Disabled(string ifName) => this[ifName].Ipv6Disabled;

    public Errno SetIpv6Disabled(string ifName, bool disabled)
    {
        FakeLink l = this[ifName];
        return Do(l.Index, "ipv6", x => x.Ipv6Disabled = disabled);
    }

    public int? GetRpFilter(string ifName) => this[ifName].RpFilter;

    public Errno SetRpFilter(string ifName, int value)
    {
        FakeLink l = this[ifName];
        return Do(l.Index, "rp_filter", x => x.RpFilter = value);
    }

    public PortLink GetPortLink(LinkInfo link) =>
        link.Carrier && (link.Flags & LinkFlags.Up) != 0 ? new PortLink(true, 10000, Duplex.Full) : new PortLink(false, 0, Duplex.Half);

    public Errno LockPort(LinkInfo link, string teamName, out IPortLease? lease, out string? holder)
    {
        if (_locked.Contains(link.Index))
        {
            lease = null;
            holder = "team other0 (pid 1)";
            return Errno.EBUSY;
        }
        _locked.Add(link.Index);
        lease = new Lease(() => _locked.Remove(link.Index));
        holder = null;
        return Errno.Success;
    }

    public IReadOnlyList<MacAddress> GetMulticastAddresses(int ifIndex) => [];

    /// <summary>Addresses and multicast groups per ifindex, as the tests set them.</summary>
    public Dictionary<int, List<System.Net.IPAddress>> Addresses { get; } = [];

    public Dictionary<int, List<System.Net.IPAddress>> Groups { get; } = [];

    public IReadOnlyList<System.Net.IPAddress> GetAddresses(int ifIndex) => Addresses.TryGetValue(ifIndex, out var a) ? [.. a] : [];

    public IReadOnlyList<System.Net.IPAddress> GetMulticastGroups(int ifIndex) => Groups.TryGetValue(ifIndex, out var g) ? [.. g] : [];

    public void Dispose()
    {
    }

    private sealed class Lease(Action release) : IPortLease
    {
        public PortSavedSettings? Recovered => null;

        public void Abandon() => release();

        public void Record(PortSavedSettings saved)
        {
        }

        public void Dispose() => release();
    }
}

internal sealed class FakeLink
{
    public int Index { get; set; }

    public string Name { get; set; } = "";

    public LinkType Type { get; set; }

    public LinkFlags Flags { get; set; }

    public int Mtu { get; set; }

    public MacAddress Address { get; set; }

    public bool Carrier { get; set; }

    public bool? Ipv6Disabled { get; set; }

    public int Master { get; set; }

    public int? RpFilter { get; set; } = 0;

    public int GsoMaxSize { get; set; } = 65536;

    public int GsoMaxSegs { get; set; } = 65535;

    public LinkInfo ToInfo() => new(Index, Name, Type, Flags, Mtu, Address, Address, Master, Carrier, 6, null, 68, 65535, GsoMaxSize, GsoMaxSegs);

    public (int Mtu, MacAddress Address, LinkFlags Flags, bool? Ipv6, int? RpFilter) Settings => (Mtu, Address, Flags, Ipv6Disabled, RpFilter);
}
