using NetTeam.DataPlane.Conformance;
using NetTeam.Device.DataPlane;

namespace NetTeam.Device.Ebpf.Tests;

/// <summary>
/// A namespace with one veth pair (up) per slot the conformance table uses, so bpf_clone_redirect and
/// BPF_PROG_TEST_RUN's ifindex find real devices: the table's placeholder ifindexes map to these.
/// </summary>
internal sealed class SlotDevices : IDisposable
{
    private readonly Dictionary<int, int> _ifIndexBySlot = [];

    public SlotDevices()
    {
        Namespace = new TestNamespace();
        try
        {
            foreach (int slot in ConformanceTable.Slots)
            {
                Namespace.Ip("link", "add", $"s{slot}", "type", "veth", "peer", "name", $"s{slot}p");
                Namespace.Ip("link", "set", $"s{slot}", "up");
                Namespace.Ip("link", "set", $"s{slot}p", "up");
                _ifIndexBySlot[slot] = Namespace.IfIndex($"s{slot}");
            }
        }
        catch
        {
            Namespace.Dispose();
            throw;
        }
    }

    public TestNamespace Namespace { get; }

    public int IfIndex(int slot) => _ifIndexBySlot[slot];

    /// <summary>The snapshot with each placeholder ifindex replaced by the slot's device.</summary>
    public TeamSnapshotData Localize(TeamSnapshotData snapshot)
    {
        for (int slot = 0; slot < TeamSnapshot.MaxPorts; slot++)
        {
            if (snapshot.SlotIfIndex[slot] != 0)
            {
                Assert.Equal(SnapshotBuilder.PlaceholderIfIndex(slot), snapshot.SlotIfIndex[slot]);
                snapshot.SlotIfIndex[slot] = IfIndex(slot);
            }
        }
        return snapshot;
    }

    public void Dispose() => Namespace.Dispose();
}
