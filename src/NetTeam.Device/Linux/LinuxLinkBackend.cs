using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using NetTeam.Device.Backends;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.Linux;

/// <summary>The system operations of the team on Linux: rtnetlink, ethtool, sysctl and port lock files.</summary>
internal sealed class LinuxLinkBackend : ILinkBackend
{
    private readonly Lock _multicastSync = new();
    private byte[] _multicastRaw = new byte[4096];
    private byte[] _multicastSeen = new byte[4096];
    private int _multicastSeenLength;
    private int _multicastIfIndex;
    private IReadOnlyList<MacAddress> _multicastList = [];
    private readonly NamespaceContext _ns;
    private readonly Rtnetlink _rtnl;
    private readonly string _lockDirectory;
    private readonly object _rtnlSync = new();

    public LinuxLinkBackend(NamespaceContext ns, string lockDirectory)
    {
        _ns = ns;
        _lockDirectory = lockDirectory;
        using (_ns.Enter())
        {
            Errno err = Rtnetlink.Open(out Rtnetlink? rtnl);
            if (!err.IsSuccess || rtnl is null)
            {
                throw new TeamException(err, $"Cannot open rtnetlink: {err.Message}.");
            }
            _rtnl = rtnl;
        }
    }

    public Errno GetLink(string name, out LinkInfo? link)
    {
        lock (_rtnlSync)
        {
            return _rtnl.GetLink(name, out link);
        }
    }

    public Errno GetLink(int ifIndex, out LinkInfo? link)
    {
        lock (_rtnlSync)
        {
            return _rtnl.GetLink(ifIndex, out link);
        }
    }

    public Errno SetUp(int ifIndex, bool up)
    {
        lock (_rtnlSync)
        {
            return _rtnl.SetUp(ifIndex, up);
        }
    }

    public Errno SetMtu(int ifIndex, int mtu)
    {
        lock (_rtnlSync)
        {
            return _rtnl.SetMtu(ifIndex, mtu);
        }
    }

    public Errno SetAddress(int ifIndex, MacAddress address)
    {
        lock (_rtnlSync)
        {
            return _rtnl.SetAddress(ifIndex, address);
        }
    }

    public Errno SetGsoLimits(int ifIndex, int maxSize, int maxSegments)
    {
        lock (_rtnlSync)
        {
            return _rtnl.SetGsoLimits(ifIndex, maxSize, maxSegments);
        }
    }

    public Errno SetFlags(int ifIndex, LinkFlags flags, LinkFlags mask)
    {
        lock (_rtnlSync)
        {
            return _rtnl.SetFlags(ifIndex, flags, mask);
        }
    }

    public bool? GetIpv6Disabled(string ifName)
    {
        using (_ns.Enter())
        {
            try
            {
                return File.ReadAllText(Ipv6Path(ifName)).Trim() == "1";
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    public Errno SetIpv6Disabled(string ifName, bool disabled)
    {
        using (_ns.Enter())
        {
            try
            {
                File.WriteAllText(Ipv6Path(ifName), disabled ? "1" : "0");
                return Errno.Success;
            }
            catch (FileNotFoundException)
            {
                return Errno.ENODEV;
            }
            catch (DirectoryNotFoundException)
            {
                return Errno.ENODEV;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Errno.EPERM;
            }
        }
    }

    private static string Ipv6Path(string ifName) => $"/proc/sys/net/ipv6/conf/{ifName}/disable_ipv6";

    private static string RpFilterPath(string ifName) => $"/proc/sys/net/ipv4/conf/{ifName}/rp_filter";

    public int? GetRpFilter(string ifName)
    {
        using (_ns.Enter())
        {
            try
            {
                return int.Parse(File.ReadAllText(RpFilterPath(ifName)).Trim(), CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                return null;
            }
        }
    }

    public Errno SetRpFilter(string ifName, int value)
    {
        using (_ns.Enter())
        {
            try
            {
                File.WriteAllText(RpFilterPath(ifName), value.ToString(CultureInfo.InvariantCulture));
                return Errno.Success;
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return Errno.ENODEV;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Errno.EPERM;
            }
        }
    }

    public PortLink GetPortLink(LinkInfo link)
    {
        bool up = link.Carrier && (link.Flags & LinkFlags.Up) != 0;
        if (!up)
        {
            // teamd shows a link that is down as 0 Mbit/s half duplex (teamd-spec §3.6).
            return new PortLink(false, 0, Duplex.Half);
        }
        using (_ns.Enter())
        {
            Errno err = Ethtool.GetLinkSettings(link.Name, out int speed, out Duplex duplex);
            return err.IsSuccess ? new PortLink(true, speed, duplex) : new PortLink(true, -1, Duplex.Unknown);
        }
    }

    public Errno LockPort(LinkInfo link, string teamName, out IPortLease? lease, out string? holder)
    {
        bool ok = PortLockFile.TryAcquire(_lockDirectory, _ns.Inode, link.Index, teamName, out PortLockFile? file, out holder);
        lease = file;
        return ok ? Errno.Success : Errno.EBUSY;
    }

    public IReadOnlyList<string> PortsLeftBy(string teamName) => PortLockFile.PortsLeftBy(_lockDirectory, _ns.Inode, teamName);

    public Errno OpenReceiveFilter(int ifIndex, out IPortReceiveFilter? filter)
    {
        using (_ns.Enter())
        {
            return PacketReceiveFilter.Open(ifIndex, out filter);
        }
    }

    /// <summary>
    /// The interface's link-layer multicast list, from /proc/thread-self/net/dev_mcast (which follows this
    /// thread's namespace; /proc/net follows the main thread's). The team reads it once a second; the file is
    /// read into a kept buffer and parsed only when its bytes changed, so that a second with no change costs
    /// one read and no allocation but the file handle (issue 12).
    /// </summary>
    public IReadOnlyList<MacAddress> GetMulticastAddresses(int ifIndex)
    {
        lock (_multicastSync)
        {
            int length;
            using (_ns.Enter())
            {
                length = ReadWhole("/proc/thread-self/net/dev_mcast", ref _multicastRaw);
            }
            if (length < 0)
            {
                return [];
            }
            if (ifIndex != _multicastIfIndex || !_multicastRaw.AsSpan(0, length).SequenceEqual(_multicastSeen.AsSpan(0, _multicastSeenLength)))
            {
                _multicastList = ParseMulticast(Encoding.ASCII.GetString(_multicastRaw, 0, length), ifIndex);
                _multicastIfIndex = ifIndex;
                if (_multicastSeen.Length < length)
                {
                    _multicastSeen = new byte[_multicastRaw.Length];
                }
                _multicastRaw.AsSpan(0, length).CopyTo(_multicastSeen);
                _multicastSeenLength = length;
            }
            return _multicastList;
        }
    }

    /// <summary>The whole of a small file into <paramref name="buffer"/> (grown as needed); its length, or -1.</summary>
    private static int ReadWhole(string path, ref byte[] buffer)
    {
        try
        {
            using Microsoft.Win32.SafeHandles.SafeFileHandle file = File.OpenHandle(path);
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                // A seq_file in /proc reads in pieces; the end is a read of 0.
                int n = RandomAccess.Read(file, buffer.AsSpan(length), length);
                if (n == 0)
                {
                    return length;
                }
                length += n;
            }
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static List<MacAddress> ParseMulticast(string text, int ifIndex)
    {
        List<MacAddress> list = [];
        Span<byte> bytes = stackalloc byte[6];
        foreach (string line in text.Split('\n'))
        {
            // "ifindex name users global hexaddr" (net/core/dev_addr_lists.c dev_mc_seq_show)
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 5 && int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out int idx) && idx == ifIndex && f[4].Length == 12)
            {
                for (int i = 0; i < 6; i++)
                {
                    bytes[i] = byte.Parse(f[4].AsSpan(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                }
                list.Add(new MacAddress(bytes));
            }
        }
        return list;
    }

    public IReadOnlyList<IPAddress> GetAddresses(int ifIndex)
    {
        List<IPAddress> list = [];
        lock (_rtnlSync)
        {
            _rtnl.ListAddresses(ifIndex, list);
        }
        return list;
    }

    public IReadOnlyList<IPAddress> GetMulticastGroups(int ifIndex)
    {
        List<IPAddress> groups = [];
        using (_ns.Enter())
        {
            ReadIgmp(ifIndex, groups);
            ReadIgmp6(ifIndex, groups);
        }
        return groups;
    }

    /// <summary>
    /// /proc/net/igmp (net/ipv4/igmp.c igmp_mc_seq_show): a device line "idx name : count querier", then one
    /// tab-indented line per group with the group as the %08X of its network-order word.
    /// </summary>
    private static void ReadIgmp(int ifIndex, List<IPAddress> groups)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/thread-self/net/igmp");
        }
        catch (IOException)
        {
            return;
        }
        bool ours = false;
        Span<byte> bytes = stackalloc byte[4];
        foreach (string line in lines.Skip(1))
        {
            if (!line.StartsWith('\t'))
            {
                string first = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
                ours = int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int idx) && idx == ifIndex;
                continue;
            }
            string[] f = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (ours && f.Length > 0 && uint.TryParse(f[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint word))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, word);
                groups.Add(new IPAddress(bytes));
            }
        }
    }

    /// <summary>/proc/net/igmp6 (net/ipv6/mcast.c igmp6_mc_seq_show): "idx name addr32hex users flags timer".</summary>
    private static void ReadIgmp6(int ifIndex, List<IPAddress> groups)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/thread-self/net/igmp6");
        }
        catch (IOException)
        {
            return;
        }
        byte[] bytes = new byte[16];
        foreach (string line in lines)
        {
            string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 3 && int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out int idx) && idx == ifIndex && f[2].Length == 32)
            {
                for (int i = 0; i < 16; i++)
                {
                    bytes[i] = byte.Parse(f[2].AsSpan(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                }
                groups.Add(new IPAddress(bytes));
            }
        }
    }

    public void Dispose() => _rtnl.Dispose();
}
