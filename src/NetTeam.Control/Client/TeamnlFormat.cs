using System.Globalization;
using System.Text;

namespace NetTeam.Control.Client;

/// <summary>
/// teamnl's text (libteam libteam/stringify.c, utils/teamnl.c): the ports, options and ifinfo lines, and the
/// monitor's blocks. The line prefix is '*' for a changed item, '-' for a removed one, ' ' otherwise.
/// </summary>
public static class TeamnlFormat
{
    /// <summary>teamnl caps its buffer at 120 bytes and says so (&lt;trunc&gt; in a listing, ... in the monitor).</summary>
    private const int BufferLimit = 119;

    private static string Prefix(bool changed, bool removed) => removed ? "-" : changed ? "*" : " ";

    /// <summary>"%s%d: %s: %s %uMbit %s": the speed unsigned, so an unknown -1 reads 4294967295.</summary>
    public static string Port(TeamPortStatus p)
    {
        ArgumentNullException.ThrowIfNull(p);
        uint speed = unchecked((uint)p.SpeedMbps);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix(p.Changed, p.Removed)}{p.IfIndex}: {p.Name}: {(p.LinkUp ? "up" : "down")} {speed}Mbit {(p.FullDuplex ? "FD" : "HD")}");
    }

    public static string Option(TeamOptionStatus o)
    {
        ArgumentNullException.ThrowIfNull(o);
        StringBuilder sb = new();
        sb.Append(Prefix(o.Changed, o.Removed)).Append(o.Name).Append(' ');
        if (o.Port is not null)
        {
            sb.Append("(port:").Append(o.Port).Append(") ");
        }
        if (o.ArrayIndex is int i)
        {
            sb.Append("(arridx:").Append(i.ToString(CultureInfo.InvariantCulture)).Append(") ");
        }
        return sb.Append(o.Value).ToString();
    }

    /// <summary>"%s%d: %s: %s: %d": changed mark, ifindex, name, address, master ifindex.</summary>
    public static string Ifinfo(TeamIfinfo i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix(i.Changed, false)}{i.IfIndex}: {i.Name}: {i.Address}: {i.MasterIfIndex}");
    }

    /// <summary>A listing line (teamnl ports / options): the item and a space, or " &lt;trunc&gt;" when it was cut.</summary>
    public static string ListingLine(string item) =>
        item.Length > BufferLimit ? item[..BufferLimit] + " <trunc>" : item + " ";

    /// <summary>
    /// What teamnl monitor prints for one event: a "ports:", "options:" and "ifinfos:" block for each list
    /// that changed, with every item (<paramref name="all"/>) or only the changed ones.
    /// </summary>
    public static string Monitor(TeamMonitorEvent e, bool all)
    {
        ArgumentNullException.ThrowIfNull(e);
        StringBuilder sb = new();
        Block(sb, "ports", e.Ports, p => p.Changed || p.Removed, p => "  " + Cut(Port(p)) + " ");
        Block(sb, "options", e.Options, o => o.Changed || o.Removed, o => "  " + Cut(Option(o)) + (o.Changed ? " changed" : string.Empty));
        Block(sb, "ifinfos", e.Ifinfos, i => i.Changed, i => "  " + Cut(Ifinfo(i)) + " ");
        return sb.ToString();

        void Block<T>(StringBuilder b, string name, IReadOnlyList<T>? items, Func<T, bool> changed, Func<T, string> line)
        {
            if (items is null)
            {
                return;
            }
            List<T> shown = [.. items.Where(x => all || changed(x))];
            if (shown.Count == 0)
            {
                return;
            }
            b.Append(name).Append(":\n");
            foreach (T x in shown)
            {
                b.Append(line(x)).Append('\n');
            }
        }

        static string Cut(string s) => s.Length > BufferLimit ? s[..BufferLimit] + "..." : s;
    }
}
