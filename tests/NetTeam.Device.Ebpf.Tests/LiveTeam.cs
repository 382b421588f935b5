using NetTeam.Bpf;
using NetTeam.DataPlane.Conformance;
using NetTeam.Device.DataPlane;
using NetTeam.Device.DataPlane.Ebpf;
using NetTeam.Interop;

namespace NetTeam.Device.Ebpf.Tests;

/// <summary>
/// A team built from the generated programs on real devices: in namespace T a veth "team0" stands in for
/// the team TAP (its peer idles), ports p0 and p1 are veths whose peers q0 and q1 sit in namespace S in
/// a bridge with 10.214.2.2; team0 has 10.214.2.1. The tx program runs at team0's tcx egress, the rx
/// program at each port's tcx ingress. Everything is deleted on Dispose.
/// </summary>
internal sealed class LiveTeam : IDisposable
{
    public const string TeamAddress = "10.214.2.1";
    public const string PeerAddress = "10.214.2.2";

    private readonly List<TcxLink> _links = [];
    private readonly List<BpfProgram> _programs = [];

    public LiveTeam()
    {
        Team = new TestNamespace();
        Switch = new TestNamespace();
        try
        {
            Team.Ip("link", "add", "team0", "type", "veth", "peer", "name", "team0p");
            Switch.Ip("link", "add", "br0", "type", "bridge");
            for (int i = 0; i < 2; i++)
            {
                Team.Ip("link", "add", $"p{i}", "type", "veth", "peer", "name", $"q{i}", "netns", Switch.Name);
                Switch.Ip("link", "set", $"q{i}", "master", "br0");
                Switch.Ip("link", "set", $"q{i}", "up");
                Team.Ip("link", "set", $"p{i}", "up");
            }
            Switch.Ip("addr", "add", PeerAddress + "/24", "dev", "br0");
            Switch.Ip("link", "set", "br0", "up");
            Team.Ip("addr", "add", TeamAddress + "/24", "dev", "team0");
            Team.Ip("link", "set", "team0p", "up");
            Team.Ip("link", "set", "team0", "up");
            TeamIfIndex = Team.IfIndex("team0");
            PortIfIndex = [Team.IfIndex("p0"), Team.IfIndex("p1")];
            BpfError err = TeamMaps.Create(out TeamMaps? maps);
            Assert.True(err.IsSuccess, err.Message);
            Maps = maps!;
            for (int slot = 0; slot < 2; slot++)
            {
                Assert.Equal(Errno.Success, Maps.SetPortSlot(PortIfIndex[slot], slot));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public TestNamespace Team { get; }

    public TestNamespace Switch { get; }

    public TeamMaps Maps { get; } = null!;

    public int TeamIfIndex { get; }

    public int[] PortIfIndex { get; } = [];

    public TcxLink? TxLink { get; private set; }

    public TcxLink[] RxLinks { get; private set; } = [];

    /// <summary>Publishes <paramref name="builder"/>'s snapshot with the real ifindexes of team0, p0 and p1.</summary>
    public void Publish(SnapshotBuilder builder)
    {
        TeamSnapshotData s = builder.Build();
        s.TeamIfIndex = TeamIfIndex;
        for (int slot = 0; slot < 2; slot++)
        {
            s.SlotIfIndex[slot] = PortIfIndex[slot];
        }
        Check(Maps.Publish(s));
    }

    public BpfProgram Load(ProgramSpec spec)
    {
        Check(BpfProgram.Load(spec, out BpfProgram? program));
        _programs.Add(program!);
        return program!;
    }

    /// <summary>Attaches the tx program to team0's egress and the rx program to each port's ingress.</summary>
    public void Attach(ModeKind mode, HashFragments fragments)
    {
        BpfProgram tx = Load(TxProgram.Generate(mode, fragments, Maps));
        BpfProgram rx = Load(RxProgram.Generate(mode, Maps));
        Team.Run(() =>
        {
            TxLink = AttachOne(tx, TeamIfIndex, TcxDirection.Egress);
            RxLinks = [.. PortIfIndex.Select(i => AttachOne(rx, i, TcxDirection.Ingress))];
            return 0;
        });
    }

    /// <summary>Swaps every link's program for the ones of another mode, with no gap (BPF_LINK_UPDATE).</summary>
    public void ChangeMode(ModeKind mode, HashFragments fragments)
    {
        BpfProgram tx = Load(TxProgram.Generate(mode, fragments, Maps));
        BpfProgram rx = Load(RxProgram.Generate(mode, Maps));
        Assert.Equal(Errno.Success, TxLink!.Update(tx));
        foreach (TcxLink link in RxLinks)
        {
            Assert.Equal(Errno.Success, link.Update(rx));
        }
    }

    public bool Ping(int count) =>
        Tool.Try("ip", "netns", "exec", Team.Name, "ping", "-n", "-q", "-c", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", "0.2", "-W", "1", PeerAddress).Code == 0;

    public TeamCounters Counters(int index)
    {
        Assert.Equal(Errno.Success, Maps.ReadCounters(index, out TeamCounters counters));
        return counters;
    }

    public void Dispose()
    {
        foreach (TcxLink link in _links)
        {
            link.Dispose();
        }
        foreach (BpfProgram program in _programs)
        {
            program.Dispose();
        }
        Maps?.Dispose();
        Team.Dispose();
        Switch.Dispose();
    }

    /// <summary>Attaches a program at the end of a device's tcx list (call from inside <see cref="Team"/>); the link lives until Dispose.</summary>
    public TcxLink AttachOne(BpfProgram program, int ifIndex, TcxDirection direction)
    {
        Check(TcxLink.Attach(program, ifIndex, direction, out TcxLink? link));
        _links.Add(link!);
        return link!;
    }

    private static void Check(BpfError err) => Assert.True(err.IsSuccess, err.Message);
}
