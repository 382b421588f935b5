using NetTeam.Device.Backends;
using NetTeam.Device.DataPlane;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.Tests.Fakes;

internal sealed class FakeDataPlane : IDataPlane
{
    private readonly long[] _hashBytes = new long[256];

    public PortCounters TeamCounters { get; } = new();

    public ReadOnlySpan<long> HashTxBytes => _hashBytes;

    public long[] HashBytes => _hashBytes;

    public HashSet<int> Attached { get; } = [];

    public Errno AttachError { get; set; } = Errno.Success;

    public TeamSnapshot Snapshot { get; private set; } = TeamSnapshot.Empty;

    public Dictionary<int, bool> Promiscuous { get; } = [];

    public Errno AttachPort(TeamPort port)
    {
        if (!AttachError.IsSuccess)
        {
            return AttachError;
        }
        Attached.Add(port.IfIndex);
        return Errno.Success;
    }

    public void DetachPort(TeamPort port) => Attached.Remove(port.IfIndex);

    /// <summary>Every snapshot published, in order: what the data plane could have seen.</summary>
    public List<TeamSnapshot> Published { get; } = [];

    public void Publish(TeamSnapshot snapshot)
    {
        Snapshot = snapshot;
        Published.Add(snapshot);
    }

    public Errno SetPortFilters(TeamPort port, bool promiscuous, bool allMulticast, IReadOnlyList<MacAddress> multicast)
    {
        Promiscuous[port.IfIndex] = promiscuous;
        return Errno.Success;
    }

    public void Dispose()
    {
    }
}
