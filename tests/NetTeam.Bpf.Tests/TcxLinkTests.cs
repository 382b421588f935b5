using NetTeam.Interop;
using NetTeam.Interop.Bpf;

namespace NetTeam.Bpf.Tests;

/// <summary>
/// A tcx ingress link on a veth in a namespace pair of the test's own: frames counted, the program swapped
/// with BPF_LINK_UPDATE for one that drops (seen in ping), the link pinned, reopened and detached.
/// </summary>
public class TcxLinkTests
{
    [Fact]
    public void IngressLinkCountsSwapsPinsAndDetaches()
    {
        using VethNamespaces net = new();
        using PinDirectory pins = new();
        using BpfMap counter = Programs.CreateMap(MapSpec.Array<ulong>("t_frames", 1));
        using BpfProgram counting = MapTests.CountingProgram(counter);
        using BpfProgram dropping = Programs.Load("t_drop", a => a.Return(TcAction.Shot));

        TcxLink link = net.RunInB(() =>
        {
            BpfError err = TcxLink.Attach(counting, net.IfIndexB, TcxDirection.Ingress, out TcxLink? l);
            Assert.True(err.IsSuccess, err.Message);
            return l!;
        });
        using (link)
        {
            Assert.True(net.PingFromA(3));
            Assert.True(Frames(counter) >= 3, $"{Frames(counter)} frames counted");

            Assert.Equal(Errno.Success, counting.GetInfo(out BpfProgramInfo countingInfo));
            Assert.Equal(Errno.Success, link.GetInfo(out BpfLinkInfo info));
            Assert.Equal((BpfLinkType.Tcx, countingInfo.Id, net.IfIndexB, BpfAttachType.TcxIngress), (info.Type, info.ProgramId, info.IfIndex, info.AttachType));
            Assert.Equal([countingInfo.Id], Query(net, TcxDirection.Ingress));
            Assert.Empty(Query(net, TcxDirection.Egress));

            // The pin keeps the link (and its program) after the fd is closed.
            Assert.True(link.Pin(pins.File("b-ingress")).IsSuccess);
        }
        ulong before = Frames(counter);
        Assert.True(net.PingFromA(2));
        Assert.True(Frames(counter) >= before + 2);

        BpfError open = TcxLink.OpenPinned(pins.File("b-ingress"), out TcxLink? pinned);
        Assert.True(open.IsSuccess, open.Message);
        using (pinned)
        {
            Assert.Equal(Errno.EPERM, pinned!.Update(dropping, expected: dropping));
            Assert.Equal(Errno.Success, pinned.Update(dropping, expected: counting));
            before = Frames(counter);
            Assert.False(net.PingFromA(2));
            Assert.Equal(before, Frames(counter));

            Assert.Equal(Errno.Success, pinned.Detach());
            Assert.True(net.PingFromA(2));
            Assert.Equal(before, Frames(counter));
            Assert.Equal(Errno.Success, pinned.GetInfo(out BpfLinkInfo detached));
            Assert.Equal(0, detached.IfIndex);
            Assert.Empty(Query(net, TcxDirection.Ingress));
        }
    }

    [Fact]
    public void AttachToAMissingDeviceFails()
    {
        using BpfProgram program = Programs.Load("t_nodev", a => a.Return(TcAction.Ok));
        BpfError err = TcxLink.Attach(program, int.MaxValue, TcxDirection.Egress, out TcxLink? link);
        Assert.Null(link);
        Assert.Equal(Errno.ENODEV, err.Errno);
    }

    private static ulong Frames(BpfMap counter)
    {
        Assert.Equal(Errno.Success, counter.Lookup(0u, out ulong frames));
        return frames;
    }

    private static List<uint> Query(VethNamespaces net, TcxDirection direction) => net.RunInB(() =>
    {
        List<uint> ids = [];
        Assert.Equal(Errno.Success, TcxLink.QueryPrograms(net.IfIndexB, direction, ids, out _));
        return ids;
    });
}
