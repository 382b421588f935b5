using NetTeam.Device.Events;

namespace NetTeam.Device.Tests;

public class EventTests
{
    [Fact]
    public void PortAddRaisesPortAndOptionEvents()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "activebackup");
        t.Events.Clear();
        t.Team.AddPort("eth0");
        TeamChangeEventArgs e = Assert.Single(t.Events);
        TeamPortChange port = Assert.Single(e.Ports);
        Assert.Equal("eth0", port.Port.Name);
        Assert.True(port.Changed);
        Assert.False(port.Removed);
        Assert.Equal(
            ["queue_id", "priority", "user_linkup_enabled", "user_linkup", "enabled"],
            e.Options.Select(o => o.Name));
        Assert.All(e.Options, o => Assert.True(o.Changed));
    }

    [Fact]
    public void PortRemovalMarksItsOptionsRemoved()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.AddPort("eth0");
        t.Events.Clear();
        t.Team.RemovePort("eth0");
        TeamChangeEventArgs e = Assert.Single(t.Events);
        Assert.True(Assert.Single(e.Ports).Removed);
        Assert.Equal(5, e.Options.Count(o => o.Removed && o.PortName == "eth0"));
        Assert.DoesNotContain(t.Team.ListOptions(), o => o.PortName == "eth0");
    }

    [Fact]
    public void ModeChangeRemovesTheOldModesOptionsAndAddsTheNew()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "activebackup");
        t.Events.Clear();
        t.Team.SetOption("mode", "loadbalance");
        TeamChangeEventArgs e = Assert.Single(t.Events);
        Assert.Contains(e.Options, o => o.Name == "activeport" && o.Removed);
        Assert.Contains(e.Options, o => o.Name == "lb_tx_method" && o.Changed);
        Assert.Contains(e.Options, o => o.Name == "mode" && o.Changed && o.Value.AsString == "loadbalance");
        Assert.DoesNotContain(t.Team.ListOptions(), o => o.Name == "activeport");
    }

    [Fact]
    public void EachSetReportsTheInstanceOnce()
    {
        using TestTeam t = new();
        t.Events.Clear();
        t.Team.SetOption("notify_peers_count", "2");
        TeamChangeEventArgs e = Assert.Single(t.Events);
        Assert.Equal("notify_peers_count", Assert.Single(e.Options).Name);
        Assert.Empty(e.Ports);
        Assert.All(t.Team.ListOptions(), o => Assert.False(o.Changed));
    }

    [Fact]
    public void ALinkChangeIsAPortEvent()
    {
        using TestTeam t = new();
        t.Team.SetOption("mode", "roundrobin");
        t.Team.AddPort("eth0");
        t.Events.Clear();
        t.Links["eth0"].Carrier = false;
        t.Team.OnLinkEvent(new Interop.LinkEvent(Interop.LinkEventKind.NewLink, t.Links["eth0"].ToInfo()));
        TeamPortChange change = Assert.Single(Assert.Single(t.Events).Ports);
        Assert.False(change.Port.Link.Up);
        Assert.True(change.Changed);
    }

    [Fact]
    public void TheTeamsAdminStateIsReadFromTheLinkNotFromAStaleEvent()
    {
        using TestTeam t = new();
        Interop.LinkInfo down = t.Links["team0"].ToInfo();
        t.Links["team0"].Flags |= Interop.LinkFlags.Up;
        // The team is up now; an event queued while it was still down arrives late: it changes nothing.
        t.Team.OnLinkEvent(new Interop.LinkEvent(Interop.LinkEventKind.NewLink, down));
        Assert.True(t.Team.IsUp);
        Assert.Contains(t.Events, e => e.TeamStateChanged);
        t.Events.Clear();
        t.Team.OnLinkEvent(new Interop.LinkEvent(Interop.LinkEventKind.NewLink, down));
        Assert.True(t.Team.IsUp);
        Assert.DoesNotContain(t.Events, e => e.TeamStateChanged);
        // Really brought down: reported once.
        t.Links["team0"].Flags &= ~Interop.LinkFlags.Up;
        t.Team.OnLinkEvent(new Interop.LinkEvent(Interop.LinkEventKind.NewLink, t.Links["team0"].ToInfo()));
        Assert.False(t.Team.IsUp);
        Assert.Single(t.Events, e => e.TeamStateChanged);
    }
}
