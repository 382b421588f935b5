using Spectre.Console;
using Spectre.Console.Rendering;

namespace NetTeam.Cli.Top;

/// <summary>
/// The ports pane: one line per port (the active one marked *) and one for the team: link, speed, the link
/// watches' verdict, enabled, the LACP state (lacp runner only), rx/tx packets and bits per second, drops.
/// </summary>
internal static class PortsPane
{
    public static IRenderable Render(TopFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Table table = TopView.NewTable();
        table.AddColumn("port");
        table.AddColumn("link");
        table.AddColumn("speed");
        table.AddColumn("watch");
        table.AddColumn("enabled");
        if (frame.IsLacp)
        {
            table.AddColumn("lacp");
        }
        foreach (string head in (string[])["rx pkt/s", "rx bit/s", "tx pkt/s", "tx bit/s", "rx drop", "tx drop"])
        {
            table.AddColumn(new TableColumn(head).RightAligned());
        }
        foreach (TopPort port in frame.Ports)
        {
            List<IRenderable> cells =
            [
                new Text((port.Name == frame.ActivePort ? "* " : "  ") + port.Name, port.Name == frame.ActivePort ? new Style(decoration: Decoration.Bold) : Style.Plain),
                Flag(TopFormat.UpDown(port.LinkUp), port.LinkUp),
                new Text(TopFormat.Speed(port.SpeedMbps, port.Duplex)),
                Flag(TopFormat.UpDown(port.LinkWatchUp), port.LinkWatchUp),
                Flag(TopFormat.YesNo(port.Enabled), port.Enabled),
            ];
            if (frame.IsLacp)
            {
                cells.Add(new Text((port.LacpState ?? TopFormat.Unknown) + (port.LacpSelected == true ? ", selected" : string.Empty)));
            }
            cells.AddRange(TrafficCells(port.Traffic));
            table.AddRow(cells);
        }
        List<IRenderable> team = [new Text("  " + frame.Team + " (team)", new Style(decoration: Decoration.Italic)), Text.Empty, Text.Empty, Text.Empty, Text.Empty];
        if (frame.IsLacp)
        {
            team.Add(Text.Empty);
        }
        team.AddRange(TrafficCells(frame.TeamTraffic));
        table.AddRow(team);
        return table;
    }

    private static IEnumerable<IRenderable> TrafficCells(TopTraffic t)
    {
        TrafficRates? r = t.Rates;
        yield return new Text(TopFormat.Packets(r?.RxPacketsPerSecond));
        yield return new Text(TopFormat.Bits(r?.RxBitsPerSecond));
        yield return new Text(TopFormat.Packets(r?.TxPacketsPerSecond));
        yield return new Text(TopFormat.Bits(r?.TxBitsPerSecond));
        yield return Drops(t.Counters?.RxDropped, r?.RxDroppedPerSecond);
        yield return Drops(t.Counters?.TxDropped, r?.TxDroppedPerSecond);
    }

    private static Text Drops(long? total, double? perSecond) =>
        new(TopFormat.Drops(total, perSecond), perSecond is > 0 ? new Style(Color.Red) : Style.Plain);

    /// <summary>A yes/up in green, a no/down in red, unknown plain.</summary>
    internal static Text Flag(string text, bool? good) => new(text, good switch
    {
        true => new Style(Color.Green),
        false => new Style(Color.Red),
        null => Style.Plain,
    });
}
