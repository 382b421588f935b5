using System.Globalization;
using NetTeam.Bpf;
using NetTeam.Interop.Bpf;

namespace NetTeam.Device.DataPlane.Ebpf;

/// <summary>
/// Where a team's eBPF plane is pinned (ebpf-dataplane.md §4): /sys/fs/bpf/netteam/NETNS-INODE/TEAM/ with
/// <c>maps/</c> (one pin per map, the layout checked against <see cref="TeamMaps.LayoutVersion"/> through the
/// meta map) and <c>links/</c> (the team's egress link and one ingress link per port, named by ifindex).
/// Pinned links keep the programs attached and the maps alive after the daemon is gone, so the last
/// snapshot goes on forwarding until a new daemon takes over.
/// </summary>
internal sealed class PlanePins
{
    public const string Root = "/sys/fs/bpf/netteam";
    private const string PortPrefix = "port-";

    public PlanePins(ulong netnsInode, string team)
    {
        Directory = Path.Combine(Root, netnsInode.ToString(CultureInfo.InvariantCulture), team);
    }

    public string Directory { get; }

    public string Maps => Path.Combine(Directory, "maps");

    public string TeamLink => Path.Combine(Directory, "links", "team");

    public bool Exist => File.Exists(TeamLink);

    public string PortLink(int ifIndex) => Path.Combine(Directory, "links", PortPrefix + ifIndex.ToString(CultureInfo.InvariantCulture));

    /// <summary>The ifindexes of the pinned port links.</summary>
    public IEnumerable<int> PortLinks()
    {
        string links = Path.Combine(Directory, "links");
        if (!System.IO.Directory.Exists(links))
        {
            yield break;
        }
        foreach (string file in System.IO.Directory.EnumerateFiles(links, PortPrefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(file).AsSpan(PortPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int ifIndex))
            {
                yield return ifIndex;
            }
        }
    }

    public void PrepareLinks() => System.IO.Directory.CreateDirectory(Path.Combine(Directory, "links"));

    public static void Unpin(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Removes every pin (bpffs supports unlink and rmdir); what they held goes when nothing else does. The
    /// namespace's directory goes too once no team is left in it.
    /// </summary>
    public void RemoveAll()
    {
        try
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            RemoveIfEmpty(Path.GetDirectoryName(Directory)!);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Removes the pins of teams whose interface is gone: a team link the kernel reports with ifindex 0 was
    /// severed when its device (or the whole namespace) was deleted while no daemon ran, so it forwards
    /// nothing, and without this its maps would stay pinned for good.
    /// </summary>
    public static void SweepSevered()
    {
        if (!System.IO.Directory.Exists(Root))
        {
            return;
        }
        foreach (string netns in System.IO.Directory.EnumerateDirectories(Root))
        {
            foreach (string team in System.IO.Directory.EnumerateDirectories(netns))
            {
                if (IsSevered(Path.Combine(team, "links", "team")))
                {
                    new PlanePins(team).RemoveAll();
                }
            }
            RemoveIfEmpty(netns);
        }
    }

    private PlanePins(string directory)
    {
        Directory = directory;
    }

    private static bool IsSevered(string teamLink)
    {
        if (!TcxLink.OpenPinned(teamLink, out TcxLink? link).IsSuccess || link is null)
        {
            return false;
        }
        using (link)
        {
            return link.GetInfo(out BpfLinkInfo info).IsSuccess && info.IfIndex == 0;
        }
    }

    private static void RemoveIfEmpty(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory) && !System.IO.Directory.EnumerateFileSystemEntries(directory).Any())
            {
                System.IO.Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
        }
    }
}
