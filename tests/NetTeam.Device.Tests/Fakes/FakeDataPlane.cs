using NetTeam.Device.DataPlane;
using NetTeam.Device.Ports;
using NetTeam.Interop;

namespace NetTeam.Device.Tests.Fakes;

internal sealed class FakeDataPlane : IDataPlane
{
    private readonly long[] _hashBytes = new long[256];

    public DataPlaneKind Kind => DataPlaneKind.Userspace;

    public bool PortStackSeesTeamFrames => true;

    public DataPlaneDiagnostics Diagnostics => default;

    /// <summary>Bytes per hash bucket as the test wants the plane to have counted them.</summary>
    public long[] HashBytes => _hashBytes;

    /// <summary>The ifindexes of the attached ports.</summary>
    public HashSet<int> Attached { get; } = [];

    public Errno AttachError { get; set; } = Errno.Success;

    public TeamSnapshot Snapshot { get; private set; } = TeamSnapshot.Empty;

    /// <summary>Every snapshot published, in order: what the data plane could have seen.</summary>
    public List<TeamSnapshot> Published { get; } = [];

    public IDataPlaneObserver? Observer { get; private set; }

    public void Start(IDataPlaneObserver observer) => Observer = observer;

    public TeamSnapshot? TakenOver => null;

    public int PreferredSlot(int ifIndex) => -1;

    public void ResumePublishing()
    {
    }

    public void Abandon()
    {
    }

    public Errno Attach(PortAttachment port)
    {
        if (!AttachError.IsSuccess)
        {
            return AttachError;
        }
        Attached.Add(port.IfIndex);
        return Errno.Success;
    }

    public void Detach(int slot) => Attached.Remove(Snapshot.Data.SlotIfIndex[slot]);

    public void Publish(TeamSnapshot snapshot)
    {
        Snapshot = snapshot;
        Published.Add(snapshot);
    }

    public TeamStatistics ReadPortStatistics(int slot) => default;

    public TeamStatistics ReadTeamStatistics() => default;

    public void CopyHashTxBytes(Span<long> destination) => _hashBytes.CopyTo(destination);

    public void Dispose()
    {
    }
}
