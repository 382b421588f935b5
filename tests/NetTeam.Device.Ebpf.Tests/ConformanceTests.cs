using NetTeam.DataPlane.Conformance;
using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Ebpf.Tests;

/// <summary>
/// The shared conformance table (tests/NetTeam.DataPlane.Conformance) through the generated programs:
/// every row's verdict, slot(s), bucket and roundrobin counter must be what the table says.
/// </summary>
public sealed class ConformanceTests : IClassFixture<ConformanceTests.Plane>
{
    private readonly Plane _plane;

    public ConformanceTests(Plane plane) => _plane = plane;

    public static TheoryData<ModeKind> Modes => [.. Enum.GetValues<ModeKind>()];

    [Theory]
    [MemberData(nameof(Modes))]
    public void TransmitDecisions(ModeKind mode)
    {
        List<TxCase> cases = [.. ConformanceTable.Tx(mode)];
        Assert.NotEmpty(cases);
        List<string> wrong = _plane.Run(r => cases.Select(c => (c, Got: r.RunTx(c))).Where(x => x.Got is not null).Select(x => $"{x.c}\n    got {x.Got}").ToList());
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cases.Count} rows differ:\n" + string.Join('\n', wrong.Take(25)));
    }

    [Fact]
    public void ReceiveDecisions()
    {
        List<RxCase> cases = [.. ConformanceTable.Rx()];
        List<string> wrong = _plane.Run(r => cases.Select(c => (c, Got: r.RunRx(c))).Where(x => x.Got is not null).Select(x => $"{x.c}\n    got {x.Got}").ToList());
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cases.Count} rows differ:\n" + string.Join('\n', wrong.Take(25)));
    }

    [Fact]
    public void RandomSpreadsOverEveryCandidate()
    {
        // A row says "one of"; over many frames every candidate slot must come up.
        TxCase row = ConformanceTable.Tx(ModeKind.Random).First(c => c.Expected.Slots.Count > 1);
        HashSet<string?> results = _plane.Run(r => Enumerable.Range(0, 64).Select(_ => r.RunTx(row)).ToHashSet());
        Assert.Equal([null], results);
        // Which slot each run used is visible in the slot counters: each must have sent some.
        List<ulong> sent = _plane.Run(r => row.Expected.Slots.Select(slot =>
        {
            Assert.Equal(Interop.Errno.Success, r.Maps.ReadCounters(slot, out Device.DataPlane.Ebpf.TeamCounters c));
            return c.TxPackets;
        }).ToList());
        Assert.All(sent, n => Assert.True(n > 0));
    }

    /// <summary>The devices and the maps and programs, shared by the class's tests (one at a time: xunit runs a class's tests in sequence).</summary>
    public sealed class Plane : IDisposable
    {
        private readonly SlotDevices _devices = new();
        private readonly EbpfConformanceRunner _runner;

        public Plane() => _runner = new EbpfConformanceRunner(_devices);

        internal T Run<T>(Func<EbpfConformanceRunner, T> action) => _devices.Namespace.Run(() => action(_runner));

        public void Dispose()
        {
            _runner.Dispose();
            _devices.Dispose();
        }
    }
}
