using NetTeam.Device.DataPlane;

namespace NetTeam.DataPlane.Conformance;

/// <summary>One row of the receive table: with this snapshot, this frame arriving on the port in this slot gets this decision.</summary>
public sealed record RxCase(string Name, TeamSnapshotData Snapshot, int Slot, byte[] Frame, RxExpectation Expected)
{
    public override string ToString() => $"{Name}: {Expected}";
}
